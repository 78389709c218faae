/** Sessions as records: one session's details, whether it awaits validation, and a case's list of sessions. */
import type { Db } from '../platform/db';
import type { PhasesRow, UsersRow, WorkingGroupsRow } from '../platform/db-tables';
import type { SessionUser } from '../platform/auth/session-user';
import { onlySeen, THINGS } from '../accompaniments/withdrawn';
import type { SessionRow, SessionType } from './scope';

export type SessionDetails = {
  phase_name: string | null;
  phase_position: number | null;
  group_name: string | null;
  logged_by_name: string | null;
  logged_by_role: string | null;
  validated_by_name: string | null;
};

export async function sessionDetails(db: Db, s: SessionRow): Promise<SessionDetails> {
  const [phase, group, logged, validated] = await Promise.all([
    s.phase_id
      ? db('phases')
          .where({ id: s.phase_id })
          .first<Pick<PhasesRow, 'name' | 'position'> | undefined>('name', 'position')
      : null,
    s.working_group_id
      ? db('working_groups').where({ id: s.working_group_id }).first<Pick<WorkingGroupsRow, 'name'> | undefined>('name')
      : null,
    s.logged_by
      ? db('users').where({ id: s.logged_by }).first<Pick<UsersRow, 'name' | 'role'> | undefined>('name', 'role')
      : null,
    s.validated_by ? db('users').where({ id: s.validated_by }).first<Pick<UsersRow, 'name'> | undefined>('name') : null,
  ]);
  return {
    phase_name: phase?.name ?? null,
    phase_position: phase?.position ?? null,
    group_name: group?.name ?? null,
    logged_by_name: logged?.name ?? null,
    logged_by_role: logged?.role ?? null,
    validated_by_name: validated?.name ?? null,
  };
}

/**
 * A session waits for the coordinator's validation when someone logged it and nobody validated it:
 * the operator's staff validate their own on creation, so this is a session the provider logged or
 * changed since it was validated.
 */
export const needsValidation = (s: Pick<SessionRow, 'validated_at' | 'logged_by'>) =>
  s.validated_at == null && s.logged_by != null;

export type ListFilters = { type?: string; phase_id?: string; working_group_id?: string };

export type SessionListRow = {
  id: string;
  type: SessionType;
  title: string;
  theme: string | null;
  starts_at: Date;
  ends_at: Date | null;
  days_consumed: string;
  status: 'planned' | 'held' | 'closed';
  validated_at: Date | null;
  logged_by: string | null;
  phase_name: string | null;
  group_name: string | null;
  invited: string | number;
  present: string | number;
};

/**
 * The case's sessions, by date, with their attendance counts in the same query; given its reader,
 * only those it sees (a structure that left: accompaniments/withdrawn.ts).
 */
export function listSessions(db: Db, accompanimentId: string, f: ListFilters, reader?: SessionUser) {
  const q = db('sessions as s')
    .leftJoin('phases as p', 'p.id', 's.phase_id')
    .leftJoin('working_groups as g', 'g.id', 's.working_group_id')
    // Who was invited and who came, counted in one pass over each session's attendees.
    .joinRaw(
      `left join lateral (select count(*) as invited, count(*) filter (where a.presence = 'present') as present
         from session_attendees a where a.session_id = s.id) att on true`,
    )
    .where('s.accompaniment_id', accompanimentId)
    .orderBy([{ column: 's.starts_at' }, { column: 's.id' }])
    .select<SessionListRow[]>(
      's.id',
      's.type',
      's.title',
      's.theme',
      's.starts_at',
      's.ends_at',
      // As text, the way the driver gives numerics, also when read as JSON (read-together.ts).
      db.raw('s.days_consumed::text as days_consumed'),
      's.status',
      's.validated_at',
      's.logged_by',
      'p.name as phase_name',
      'g.name as group_name',
      'att.invited',
      'att.present',
    );
  if (f.type) q.where('s.type', f.type);
  if (f.phase_id) q.where('s.phase_id', f.phase_id);
  if (f.working_group_id) q.where('s.working_group_id', f.working_group_id);
  if (reader) onlySeen(q, reader, THINGS.session('s'));
  return q;
}

/** A session's versions as they are now: the form's (and its status) and the attendance form's, to answer a conflict. */
export const sessionVersions = (db: Db, id: string) =>
  db('sessions')
    .where({ id })
    .first<{ lock_version: number; attendance_lock_version: number; status: string } | undefined>(
      'lock_version',
      'attendance_lock_version',
      'status',
    );
