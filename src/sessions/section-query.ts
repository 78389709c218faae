import type { Db } from '../platform/db';
import type { SessionUser } from '../platform/auth/session-user';
import { read, readTogether } from '../platform/read-together';
import { type Condition, seenBy, THINGS, type Thing } from '../accompaniments/withdrawn';
import { consumedOfSql } from './days-consumed';

/** How many sessions the accompaniment page lists (the others are on the sessions page). */
export const SECTION_SESSIONS = 5;

type BudgetColumns = { budget_days: string | null; budget_eur: string | null; consumed: string };
export type RawPhase = { id: string; position: number; name: string; days: number };
export type RawSession = {
  id: string;
  type: string;
  title: string;
  starts_at: Date;
  days_consumed: string;
  status: string;
};
export type RawAction = {
  id: string;
  what: string;
  owner_name: string | null;
  owner_organisation: string | null;
  due_on: string | null;
  status: string;
  session_id: string | null;
  session_title: string | null;
};
export type SessionsSectionRow = BudgetColumns & {
  phases: RawPhase[];
  upcoming: RawSession[];
  past: RawSession[];
  total: number;
  actions: RawAction[];
};

/**
 * Everything the sessions section reads, in ONE statement (readTogether): the budget columns and
 * days consumed (as daysSummary), the days per phase (as daysByPhase), the next sessions (nearest
 * first) and the last ones (latest first), SECTION_SESSIONS of each at most, how many sessions there
 * are, and the open action items (an action plan's actions once the plan is accepted, i.e. visible).
 * Four round trips cost more Node time than these small reads; numerics are read as text, as the pg
 * driver returns them.
 *
 * A structure that left the case lists only the sessions and action items it sees (accompaniments/
 * withdrawn.ts). Every other reader gets the reads without these conditions (seenBy answers `true`):
 * evaluated for each session of a large case, they cost the delivery tab a fifth of its throughput in
 * the bench for nothing.
 */
export async function sessionsSectionRow(
  db: Db,
  accompanimentId: string,
  now: Date,
  reader?: SessionUser,
): Promise<SessionsSectionRow | undefined> {
  const seen = (thing: Thing): Condition => (reader ? seenBy(reader, thing) : { sql: 'true', bindings: [] });
  const seenSession = seen(THINGS.session('s'));
  const sessions = (upcoming: boolean) => {
    const order = upcoming ? 'asc' : 'desc';
    return db('sessions as s')
      .where('s.accompaniment_id', accompanimentId)
      .where('s.starts_at', upcoming ? '>=' : '<', now)
      .whereRaw(seenSession.sql, seenSession.bindings)
      .orderBy([
        { column: 's.starts_at', order },
        { column: 's.id', order },
      ])
      .limit(SECTION_SESSIONS)
      .select('s.id', 's.type', 's.title', 's.starts_at', db.raw('s.days_consumed::text as days_consumed'), 's.status');
  };
  const seenCount = seen(THINGS.session('c'));
  const seenAction = seen(THINGS.actionItem('ai'));
  const r = await readTogether(db, {
    budget: read<BudgetColumns>(
      db('accompaniments as a')
        .where('a.id', accompanimentId)
        .select(
          db.raw('a.budget_days::text as budget_days'),
          db.raw('a.budget_eur::text as budget_eur'),
          db.raw(consumedOfSql(seenSession.sql), seenSession.bindings),
        ),
    ),
    phases: read<Omit<RawPhase, 'days'> & { days: string }>(
      db('phases as p')
        .where('p.accompaniment_id', accompanimentId)
        .orderBy('p.position')
        .select(
          'p.id',
          'p.position',
          'p.name',
          db.raw(
            `(select coalesce(sum(s.days_consumed), 0) from sessions s where s.phase_id = p.id and ${seenSession.sql})::text as days`,
            seenSession.bindings,
          ),
        ),
      { bigints: ['id'] },
    ),
    upcoming: read<RawSession>(sessions(true), { dates: ['starts_at'], bigints: ['id'] }),
    past: read<RawSession>(sessions(false), { dates: ['starts_at'], bigints: ['id'] }),
    total: read<{ total: number }>(
      db('sessions as c')
        .where('c.accompaniment_id', accompanimentId)
        .whereRaw(seenCount.sql, seenCount.bindings)
        .select(db.raw('count(*)::int as total')),
    ),
    actions: read<RawAction>(
      db('action_items as ai')
        .leftJoin('organisations as o', 'o.id', 'ai.owner_organisation_id')
        .leftJoin('sessions as s', 's.id', 'ai.session_id')
        .where({ 'ai.accompaniment_id': accompanimentId, 'ai.visible': true })
        .whereIn('ai.status', ['open', 'in_progress'])
        .whereRaw(seenAction.sql, seenAction.bindings)
        .orderByRaw('ai.due_on asc nulls last, ai.id asc')
        .select(
          'ai.id',
          'ai.what',
          'ai.owner_name',
          'o.name as owner_organisation',
          'ai.due_on',
          'ai.status',
          'ai.session_id',
          's.title as session_title',
        ),
      { bigints: ['id', 'session_id'] },
    ),
  });
  const budget = r.budget[0];
  if (!budget) return undefined;
  return {
    ...budget,
    phases: r.phases.map((p) => ({ ...p, days: Number(p.days) })),
    upcoming: r.upcoming,
    past: r.past,
    total: r.total[0]?.total ?? 0,
    actions: r.actions,
  };
}
