import { scopeAccompaniments } from '../accompaniments/scope';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import { formatDate } from '../platform/i18n';
import type { Read } from '../platform/read-together';
import type { CheckpointInput } from './schemas';
import { overdueBefore } from './status';

export type Checkpoint = {
  id: string;
  accompaniment_id: string;
  offset_months: number;
  due_on: string;
  jobs_rating: string | null;
  jobs_note: string | null;
  economic_health_rating: string | null;
  economic_health_note: string | null;
  strategic_vision_rating: string | null;
  strategic_vision_note: string | null;
  local_partnerships_rating: string | null;
  local_partnerships_note: string | null;
  employees: number | null;
  employees_in_insertion: number | null;
  open_actions: string | null;
  notes: string | null;
  held_on: string | null;
  recorded_at: Date | null;
  recorded_by: string | null;
  recorded_by_name: string | null;
  reminder_sent_at: Date | null;
  lock_version: number;
};

export type CheckpointInScope = Checkpoint & {
  accompaniment_title: string;
  operator_id: string;
  accompaniment_state: string;
};

const withRecorder = (db: Db | Trx) =>
  db('follow_up_checkpoints as fc').leftJoin('users as ru', 'ru.id', 'fc.recorded_by');

/** A checkpoint is visible exactly when its accompaniment is (same scope, same 404). */
export function findCheckpointInScope(db: Db, user: SessionUser, id: string) {
  const q = withRecorder(db)
    .join('accompaniments as a', 'a.id', 'fc.accompaniment_id')
    .where('fc.id', id)
    .first<CheckpointInScope | undefined>(
      'fc.*',
      'ru.name as recorded_by_name',
      'a.title as accompaniment_title',
      'a.operator_id',
      'a.state as accompaniment_state',
    );
  return scopeAccompaniments(db, user, q, 'a');
}

export function listCheckpoints(db: Db, accompanimentId: string): Promise<Checkpoint[]> {
  return withRecorder(db)
    .where('fc.accompaniment_id', accompanimentId)
    .orderBy([{ column: 'fc.due_on' }, { column: 'fc.id' }])
    .select('fc.*', 'ru.name as recorded_by_name');
}

export type PendingRow = {
  id: string;
  accompaniment_id: string;
  accompaniment_title: string;
  offset_months: number;
  due_on: string;
  overdue: boolean;
};

/**
 * Checkpoints to record now for a home page: the relay's handed-off cases, the cases a
 * coordinator runs, the whole operator for a manager. Nobody else has checkpoints to record.
 */
export function pendingCheckpointsRead(db: Db, user: SessionUser, today: string): Read<PendingRow> | null {
  if (!['relay', 'coordinator', 'manager'].includes(user.role)) return null;
  const q = db('follow_up_checkpoints as fc')
    .join('accompaniments as a', 'a.id', 'fc.accompaniment_id')
    .whereNull('fc.recorded_at')
    .where('fc.due_on', '<=', today)
    .orderBy([{ column: 'fc.due_on' }, { column: 'fc.id' }])
    .limit(50)
    .select(
      'fc.id',
      'fc.accompaniment_id',
      'a.title as accompaniment_title',
      'fc.offset_months',
      'fc.due_on',
      db.raw('fc.due_on < ? as overdue', [overdueBefore(today)]),
    );
  if (user.role === 'coordinator') q.where('a.coordinator_id', user.id);
  return { query: scopeAccompaniments(db, user, q, 'a'), bigints: ['id', 'accompaniment_id'] };
}

/** The open action items of the case, one per line: what the relay finds prefilled. */
export async function openActionsSummary(db: Db | Trx, accompanimentId: string): Promise<string> {
  const rows: { what: string; owner_name: string | null; owner_org: string | null; due_on: string | null }[] = await db(
    'action_items as ai',
  )
    .leftJoin('organisations as o', 'o.id', 'ai.owner_organisation_id')
    .where('ai.accompaniment_id', accompanimentId)
    .whereIn('ai.status', ['open', 'in_progress'])
    .orderBy([{ column: 'ai.due_on', order: 'asc', nulls: 'last' }, { column: 'ai.id' }])
    .select('ai.what', 'ai.owner_name', 'o.name as owner_org', 'ai.due_on');
  return rows
    .map((r) => {
      const who = [r.owner_name, r.owner_org].filter(Boolean).join(', ');
      return `- ${r.what}${who ? ` (${who})` : ''}${r.due_on ? ` — ${formatDate('fr', r.due_on, 'short')}` : ''}`;
    })
    .join('\n');
}

/**
 * The day before which a checkpoint of the case cannot have taken place: its handoff's day, or
 * (no handoff recorded) the day it entered close-out.
 */
export async function checkpointFloor(trx: Trx, accompanimentId: string) {
  const row = await trx('accompaniments as a')
    .leftJoin('handoffs as h', 'h.accompaniment_id', 'a.id')
    .where('a.id', accompanimentId)
    .first<{ handed_off_on: string | null; closed_out_on: string | null }>('h.handed_off_on', 'a.closed_out_on');
  if (row?.handed_off_on) return { date: row.handed_off_on, key: 'followUp.dates.beforeHandoff' as const };
  if (row?.closed_out_on) return { date: row.closed_out_on, key: 'followUp.dates.beforeCloseOut' as const };
  return null;
}

/** Records (or corrects) a checkpoint; false when someone saved it in between (lock_version). */
export async function recordCheckpoint(
  trx: Trx,
  id: string,
  lockVersion: number,
  data: CheckpointInput,
  userId: string,
): Promise<boolean> {
  const updated = await trx('follow_up_checkpoints')
    .where({ id, lock_version: lockVersion })
    .update({
      ...data,
      recorded_at: trx.raw('coalesce(recorded_at, now())'),
      recorded_by: userId,
      lock_version: lockVersion + 1,
      updated_at: trx.fn.now(),
    })
    .returning<{ id: string }[]>('id');
  return updated.length === 1;
}
