import type { Db, Trx } from '../platform/db';
import type { NoticeInput, NoticeKind } from './schemas';
import type { NoticesRow } from '../platform/db-tables';
import type { Id } from '../platform/id';

export type Notice = {
  id: string;
  kind: NoticeKind;
  on_date: string;
  recipients: string;
  content: string | null;
  created_by_name: string | null;
  created_at: Date;
};

/** The case's notices, oldest first (the order they were sent in). */
export function listNotices(db: Db | Trx, accompanimentId: string) {
  return db('notices as n')
    .leftJoin('users as u', 'u.id', 'n.created_by')
    .where('n.accompaniment_id', accompanimentId)
    .orderBy([{ column: 'n.on_date' }, { column: 'n.id' }])
    .select<Notice[]>(
      'n.id',
      'n.kind',
      'n.on_date',
      'n.recipients',
      'n.content',
      'u.name as created_by_name',
      'n.created_at',
    );
}

export async function insertNotice(trx: Trx, accompanimentId: string, input: NoticeInput, userId: string) {
  const [row] = await trx('notices')
    .insert({ accompaniment_id: accompanimentId, ...input, created_by: userId })
    .returning<{ id: Id }[]>('id');
  return row.id;
}

/** Deletes one notice of this case; answers what was deleted, or null when there was none. */
export async function deleteNotice(trx: Trx, accompanimentId: string, noticeId: string) {
  const rows = await trx<NoticesRow>('notices')
    .where({ id: noticeId, accompaniment_id: accompanimentId })
    .delete()
    .returning(['id', 'kind', 'on_date', 'recipients']);
  return rows[0] ?? null;
}
