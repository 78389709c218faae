import type { Db } from '../platform/db';
import type { SessionUser } from '../platform/auth/session-user';
import { mayHaveLeft, seenSql, THINGS, type Thing } from '../accompaniments/withdrawn';
import { consumedOfSql } from './days-consumed';

/** How many sessions the accompaniment page lists (the others are on the sessions page). */
export const SECTION_SESSIONS = 5;

type BudgetColumns = { budget_days: string | null; budget_eur: string | null; consumed: string };
export type RawPhase = { id: string; position: number; name: string; days: number };
export type RawSession = {
  id: string;
  type: string;
  title: string;
  starts_at: string;
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

const sessionJson = `json_build_object('id', s.id::text, 'type', s.type, 'title', s.title, 'starts_at', s.starts_at,
                                       'days_consumed', s.days_consumed::text, 'status', s.status)`;

/*
 * Everything the sessions section reads, in ONE statement on the case's row: the budget columns
 * and days consumed (as daysSummary), the days per phase (as daysByPhase), the next sessions
 * (nearest first) and the last ones (latest first), SECTION_SESSIONS of each at most, how many
 * sessions there are, and the open action items (an action plan's actions once the plan is
 * accepted, i.e. visible). Four round trips cost more Node time than these small reads; each list
 * is a scalar subquery returning JSON, ids and numerics cast to text as the pg driver returns them.
 */
// A structure that left the case lists only the sessions and action items it sees (accompaniments/
// withdrawn.ts), k.reader being its organisation. Every other reader gets the statement without these
// conditions (`true`): evaluated for each session of a large case, they cost the delivery tab a fifth
// of its throughput in the bench for nothing.
const sectionSql = (filtered: boolean) => {
  const seen = (thing: Thing) => (filtered ? seenSql(thing, 'k.reader') : 'true');
  const seenSession = seen(THINGS.session('s'));
  return `
select a.budget_days, a.budget_eur, ${consumedOfSql(seenSession)},
  coalesce((select json_agg(json_build_object('id', p.id::text, 'position', p.position, 'name', p.name,
                                              'days', (select coalesce(sum(s.days_consumed), 0) from sessions s where s.phase_id = p.id and ${seenSession}))
                            order by p.position)
              from phases p where p.accompaniment_id = a.id), '[]') as phases,
  coalesce((select json_agg(x.j order by x.starts_at, x.id) from (
     select ${sessionJson} as j, s.starts_at, s.id from sessions s
      where s.accompaniment_id = a.id and s.starts_at >= k.now and ${seenSession}
      order by s.starts_at, s.id limit k.lim) x), '[]') as upcoming,
  coalesce((select json_agg(x.j order by x.starts_at desc, x.id desc) from (
     select ${sessionJson} as j, s.starts_at, s.id from sessions s
      where s.accompaniment_id = a.id and s.starts_at < k.now and ${seenSession}
      order by s.starts_at desc, s.id desc limit k.lim) x), '[]') as past,
  (select count(*) from sessions c where c.accompaniment_id = a.id and ${seen(THINGS.session('c'))})::int as total,
  coalesce((select json_agg(json_build_object('id', ai.id::text, 'what', ai.what, 'owner_name', ai.owner_name,
                                               'owner_organisation', o.name, 'due_on', ai.due_on, 'status', ai.status,
                                               'session_id', ai.session_id::text, 'session_title', s.title)
                            order by ai.due_on asc nulls last, ai.id asc)
              from action_items ai
              left join organisations o on o.id = ai.owner_organisation_id
              left join sessions s on s.id = ai.session_id
             where ai.accompaniment_id = a.id and ai.visible and ai.status in ('open', 'in_progress') and ${seen(THINGS.actionItem('ai'))}), '[]') as actions
from (select ?::bigint as acc, ?::timestamptz as now, ?::int as lim, ?::bigint as reader) k
join accompaniments a on a.id = k.acc`;
};
const SQL_ALL = sectionSql(false);
const SQL_SEEN = sectionSql(true);

/** The row of the sessions section, or undefined when the case does not exist. */
export async function sessionsSectionRow(
  db: Db,
  accompanimentId: string,
  now: Date,
  reader?: SessionUser,
): Promise<SessionsSectionRow | undefined> {
  const filtered = Boolean(reader && mayHaveLeft(reader));
  const res = await db.raw(filtered ? SQL_SEEN : SQL_ALL, [
    accompanimentId,
    now,
    SECTION_SESSIONS,
    filtered && reader ? String(reader.organisation_id) : null,
  ]);
  return res.rows[0] as SessionsSectionRow | undefined;
}
