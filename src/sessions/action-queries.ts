/** Action items of sessions: read for a session, carried forward, and who may own them (added by commands.ts). */
import type { Db, Trx } from '../platform/db';
import type { ActionStatus } from './schemas';
import type { SessionRow } from './scope';
import type { Id } from '../platform/id';

export type ActionItem = {
  id: string;
  session_id: string | null;
  working_group_id: string | null;
  what: string;
  owner_name: string | null;
  owner_organisation_id: string | null;
  owner_organisation_name: string | null;
  due_on: string | null;
  status: ActionStatus;
  closed_at: Date | null;
  created_at: Date;
  session_title: string | null;
  session_starts_at: Date | null;
};

const actionColumns = [
  'ai.id',
  'ai.session_id',
  'ai.working_group_id',
  'ai.what',
  'ai.owner_name',
  'ai.owner_organisation_id',
  'oo.name as owner_organisation_name',
  'ai.due_on',
  'ai.status',
  'ai.closed_at',
  'ai.created_at',
  'os.title as session_title',
  'os.starts_at as session_starts_at',
];

const actionQuery = (db: Db | Trx) =>
  db('action_items as ai')
    .leftJoin('organisations as oo', 'oo.id', 'ai.owner_organisation_id')
    .leftJoin('sessions as os', 'os.id', 'ai.session_id')
    .select(actionColumns);

export function sessionActionItems(db: Db, sessionId: string): Promise<ActionItem[]> {
  return actionQuery(db)
    .where('ai.session_id', sessionId)
    .orderBy([{ column: 'ai.created_at' }, { column: 'ai.id' }]);
}

/**
 * Open action items of the same body, from its earlier sessions, shown again until they are closed:
 * the same working group for a working-group session, earlier steering-committee sessions for a
 * steering-committee one. Other kinds of session carry nothing forward.
 */
export function carriedForwardItems(
  db: Db,
  s: Pick<SessionRow, 'id' | 'accompaniment_id' | 'type' | 'working_group_id' | 'starts_at'>,
): Promise<ActionItem[]> {
  const q = actionQuery(db)
    .where('ai.accompaniment_id', s.accompaniment_id)
    .whereIn('ai.status', ['open', 'in_progress'])
    .where((w) => w.whereNull('ai.session_id').orWhere('ai.session_id', '<>', s.id))
    .orderBy([{ column: 'os.starts_at' }, { column: 'ai.id' }]);
  if (s.type === 'working_group' && s.working_group_id) {
    q.where('ai.working_group_id', s.working_group_id).where((w) =>
      w.whereNull('os.starts_at').orWhere('os.starts_at', '<', s.starts_at),
    );
  } else if (s.type === 'steering_committee') {
    q.where('os.type', 'steering_committee').where('os.starts_at', '<', s.starts_at);
  } else {
    q.whereRaw('false');
  }
  return q;
}

/** Beneficiary structures of the case: who may own an action item. */
export function ownerChoices(db: Db | Trx, accompanimentId: string): Promise<{ id: string; name: string }[]> {
  return db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .where('b.accompaniment_id', accompanimentId)
    .orderBy('o.name')
    .select<{ id: Id; name: string }[]>('o.id', 'o.name');
}
