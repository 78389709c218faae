import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { Knex } from 'knex';
import type { SessionUser } from '../platform/auth/session-user';
import { firstPageRead } from '../accompaniments/queries';
import type { Db } from '../platform/db';
import type { Deps } from '../platform/deps';
import type { Read } from '../platform/read-together';

export async function adminOverview(db: Db) {
  const [orgs, users, outbox, recent] = await Promise.all([
    db('organisations').select('kind').count('* as n').groupBy('kind'),
    db('users').select('status').count('* as n').groupBy('status'),
    db('outbox').select('status').count('* as n').groupBy('status'),
    db('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .orderBy('a.id', 'desc')
      .limit(8)
      .select('a.at', 'a.action', 'a.entity_type', 'a.entity_id', 'u.name as actor_name'),
  ]);
  const byKey = (rows: Record<string, unknown>[], key: string) =>
    Object.fromEntries(rows.map((r) => [String(r[key]), Number(r.n)])) as Record<string, number>;
  return { organisations: byKey(orgs, 'kind'), users: byKey(users, 'status'), outbox: byKey(outbox, 'status'), recent };
}

/** How many cases the home lists. */
export const HOME_CASES = 10;

/** A coordinator's home starts from their own cases; everyone else's from all the cases they can see. */
export const ownCasesOnly = (user: SessionUser) => user.role === 'coordinator';

/**
 * The home's own reads for a user other than an admin (the areas' panels add theirs): colleagues;
 * for everyone but a provider, the ten latest cases with their last activity (the list page has
 * them all); for operator staff, the watch list.
 */
export function homeReads(deps: Deps, user: SessionUser, today: string) {
  const mine = ownCasesOnly(user);
  const reads: Record<string, Read<never>> = { colleagues: colleaguesRead(deps.db, user) };
  if (user.role === 'provider') return reads;
  reads.cases = firstPageRead(deps.db, user, { mine }, deps.config.stalledAfterDays, HOME_CASES);
  if (user.organisation_kind === 'operator') reads.watch = watchRead(deps.db, user, mine, today);
  return reads;
}

/** Everyone else sees their organisation and the colleagues they work with. */
export const colleaguesRead = (db: Db, user: SessionUser): Read<Colleague> => ({
  query: db('users')
    .where({ organisation_id: user.organisation_id, status: 'active' })
    .whereNot({ id: user.id })
    .orderBy('name')
    .select('name', 'email', 'role'),
});

export type Colleague = { name: string; email: string; role: string };

export type WatchItem = {
  accompaniment_id: string;
  title: string;
  kind: 'phase_end' | 'phase_start' | 'consultation_deadline';
  label: string;
  due_on: string;
};

/** How far ahead the watch list looks, in days. */
const HORIZON_DAYS = 30;

/**
 * What is overdue and what comes next in the operator's live cases (or the coordinator's own):
 * phase dates and consultation deadlines, from what is recorded. `today` is the office's date.
 */
export function watchRead(db: Db, user: SessionUser, mine: boolean, today: string): Read<WatchItem> {
  const live = db('accompaniments as a')
    .where('a.operator_id', user.organisation_id)
    .whereNotIn('a.state', ['closed', 'referred', 'abandoned'])
    .modify((q) => {
      if (mine) q.where('a.coordinator_id', user.id);
    })
    .select('a.id', 'a.title');
  // The user's values stay bindings: one SQL text (one prepared statement) for every coordinator.
  const liveSql = live.toSQL();
  const query = db.raw(
    `with live as (${liveSql.sql})
     select * from (
     select l.id as accompaniment_id, l.title, 'phase_end' as kind, p.name as label, p.planned_end as due_on
       from live l join phases p on p.accompaniment_id = l.id
      where p.status <> 'done' and p.planned_end is not null
     union all
     select l.id, l.title, 'phase_start', p.name, p.planned_start
       from live l join phases p on p.accompaniment_id = l.id
      where p.status = 'planned' and p.planned_start is not null
     union all
     select l.id, l.title, 'consultation_deadline', '', c.deadline
       from live l join consultations c on c.accompaniment_id = l.id
      where c.selected_bid_id is null and c.deadline is not null) w
     -- Only what the page shows: overdue ends and deadlines, and what falls in the next 30 days.
     where w.due_on <= ? and (w.kind <> 'phase_start' or w.due_on >= ?)
     order by w.due_on`,
    [...(liveSql.bindings as Knex.RawBinding[]), horizonOf(today), today],
  );
  return { query, bigints: ['accompaniment_id'] };
}

const horizonOf = (today: string) => format(addDays(parseISO(today), HORIZON_DAYS), 'yyyy-MM-dd');

/** The watch list's two cards: overdue ends and deadlines, and what falls in the horizon. */
export function splitWatch(items: WatchItem[], today: string) {
  const horizon = horizonOf(today);
  return {
    overdue: items.filter((i) => i.due_on < today && i.kind !== 'phase_start'),
    next: items.filter((i) => i.due_on >= today && i.due_on <= horizon),
  };
}
