import type { Knex } from 'knex';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import { DateRefused, localToday } from '../platform/dates';
import { currentPhaseOf } from '../phases/status';
import { onlyStalled, withActivity, type Activity } from '../close-out/stalled';
import { pageQuery, paginate, TOTAL, type WithTotal } from '../platform/pagination';
import type { Read } from '../platform/read-together';
import type { AccompanimentInput } from './schemas';
import { scopeAccompaniments } from './scope';
import type { State } from './states';
import type { Id } from '../platform/id';
import type { UsersRow } from '../platform/db-tables';

export type Accompaniment = AccompanimentInput & {
  id: string;
  operator_id: string;
  operator_name: string;
  coordinator_name: string | null;
  state: State;
  lock_version: number;
  created_at: Date;
  updated_at: Date;
};

const detailColumns = ['a.*', 'op.name as operator_name', 'co.name as coordinator_name'];

export function findAccompaniment(db: Db, user: SessionUser, id: string) {
  return scopeAccompaniments(db, user, detailQuery(db, id).first<Accompaniment | undefined>(detailColumns));
}

/**
 * The case and its activity (stalled badge) in one statement, for the case page, which shows both
 * on every tab: a second round trip per view cost more Node time than the lookup itself.
 */
export function findAccompanimentWithActivity(db: Db, user: SessionUser, id: string, stalledAfterDays: number) {
  // withActivity takes and gives an untyped builder: the row type is named on the last call.
  const q = withActivity(db, detailQuery(db, id).select(detailColumns), stalledAfterDays);
  return scopeAccompaniments(db, user, q).first<(Accompaniment & Activity) | undefined>();
}

function detailQuery(db: Db, id: string) {
  return db('accompaniments as a')
    .join('organisations as op', 'op.id', 'a.operator_id')
    .leftJoin('users as co', 'co.id', 'a.coordinator_id')
    .where('a.id', id);
}

export type ListFilters = {
  state?: string;
  kind?: string;
  coordinator_id?: string;
  department?: string;
  siae_type?: string;
  q?: string;
  mine?: boolean;
  /** Only the cases with no recorded activity for the configured time. */
  stalled?: boolean;
};

export type ListRow = {
  id: string;
  title: string;
  kind: string;
  state: State;
  department: string | null;
  coordinator_name: string | null;
  budget_days: string | null;
  budget_eur: string | null;
  beneficiaries: string | null;
  current_phase: string | null;
  /** Days consumed by the case's sessions (derived, never stored twice). */
  days_consumed: string;
  updated_at: Date;
  /** The stored part of the last activity (migration 20261204001000), read by `withActivity`. */
  activity_at: Date | null;
  /** Latest recorded activity, and whether the case is stalled (src/close-out/stalled.ts). */
  last_activity_at?: Date;
  inactive_days?: number;
  stalled?: boolean;
};

/** The portfolio list: one query, whatever the number of beneficiaries or phases. */
export function listAccompaniments(
  db: Db,
  user: SessionUser,
  f: ListFilters,
  page: number,
  stalledAfterDays?: number,
  pageSize = 25,
) {
  const { query, decorate } = listQuery(db, user, f, stalledAfterDays);
  return paginate<ListRow>(query, page, pageSize, decorate);
}

/** The list's first page as one read of the home page (src/platform/read-together.ts); `pageOf` makes it a page. */
export function firstPageRead(
  db: Db,
  user: SessionUser,
  f: ListFilters,
  stalledAfterDays: number,
  size: number,
): Read<WithTotal<ListRow>> {
  const { query, decorate } = listQuery(db, user, f, stalledAfterDays);
  return {
    query: pageQuery(query, 1, size, decorate).rows,
    dates: ['updated_at', 'activity_at', 'last_activity_at'],
    bigints: ['id', TOTAL],
  };
}

function listQuery(db: Db, user: SessionUser, f: ListFilters, stalledAfterDays?: number) {
  const q = db('accompaniments as a')
    .select(
      'a.id',
      'a.title',
      'a.kind',
      'a.state',
      'a.department',
      // Amounts as text, the way the driver gives numerics, also when the rows are read as JSON.
      db.raw('a.budget_days::text as budget_days'),
      db.raw('a.budget_eur::text as budget_eur'),
      'a.updated_at',
      'a.activity_at',
      // Looked up for the page's rows only (joined, it was looked up for every case before the sort).
      db.raw('(select co.name from users co where co.id = a.coordinator_id) as coordinator_name'),
      db.raw(`(select string_agg(o.name, ', ' order by o.name) from accompaniment_beneficiaries b
               join organisations o on o.id = b.organisation_id
               where b.accompaniment_id = a.id and b.status = 'active') as beneficiaries`),
      currentPhaseOf(db, localToday()),
      db.raw(
        '(select coalesce(sum(s.days_consumed), 0) from sessions s where s.accompaniment_id = a.id)::text as days_consumed',
      ),
    )
    .orderBy([
      { column: 'a.updated_at', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ]);
  // The stalled flag needs the configured delay; a caller without it gets the list without the flag.
  // Filtering on it needs it on every row; otherwise it is computed for the page's rows only.
  const filterStalled = f.stalled && stalledAfterDays !== undefined;
  if (filterStalled) withActivity(db, q, stalledAfterDays);
  scopeAccompaniments(db, user, q);
  if (filterStalled) onlyStalled(q, stalledAfterDays);
  if (f.mine) q.where('a.coordinator_id', user.id);
  if (f.state) q.where('a.state', f.state);
  if (f.kind) q.where('a.kind', f.kind);
  if (f.coordinator_id) q.where('a.coordinator_id', f.coordinator_id);
  if (f.department) q.where('a.department', f.department);
  if (f.siae_type) {
    q.whereExists(
      db('accompaniment_beneficiaries as fb')
        .join('structures as fs', 'fs.organisation_id', 'fb.organisation_id')
        .whereRaw('fb.accompaniment_id = a.id')
        .where('fs.siae_type', f.siae_type),
    );
  }
  if (f.q) q.whereILike('a.title', `%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
  const decorate =
    stalledAfterDays !== undefined && !filterStalled
      ? (rows: Knex.QueryBuilder) =>
          withActivity(db, db.from(rows.as('a')).select('a.*'), stalledAfterDays).orderBy([
            { column: 'a.updated_at', order: 'desc' },
            { column: 'a.id', order: 'desc' },
          ])
      : undefined;
  return { query: q, decorate };
}

export async function insertAccompaniment(trx: Trx, operatorId: string, input: AccompanimentInput) {
  const [row] = await trx('accompaniments')
    .insert({ ...input, operator_id: operatorId, themes: input.themes })
    .returning<{ id: Id }[]>('id');
  return row.id;
}

/** Optimistic locking: the update only applies to the version the user was editing. */
/**
 * Saves the case's identity. The intake is the first event of the case: it cannot be moved after
 * the first change of state (DateRefused on 'intake_on'), and the opening entry of the lifecycle
 * log (from no state to 'intake') follows it, so the timeline and the lead times read the new day.
 */
export async function updateAccompaniment(trx: Trx, id: string, lockVersion: number, input: AccompanimentInput) {
  const firstMove = await trx('accompaniment_transitions')
    .where({ accompaniment_id: id })
    .whereNotNull('from_state')
    .min('on_date as on_date')
    .first<{ on_date: string | null } | undefined>();
  if (firstMove?.on_date && input.intake_on > firstMove.on_date)
    throw new DateRefused('intake_on', 'accompaniments.intakeAfterMove', { date: firstMove.on_date });
  const n = await trx('accompaniments')
    .where({ id, lock_version: lockVersion })
    .update({ ...input, lock_version: lockVersion + 1, updated_at: trx.fn.now() });
  if (n === 1)
    await trx('accompaniment_transitions')
      .where({ accompaniment_id: id, to_state: 'intake' })
      .whereNull('from_state')
      .update({ on_date: input.intake_on });
  return n === 1;
}

/** The case's version as stored now (optimistic locking: what a save lost against). */
export async function lockVersionOf(db: Db, id: string) {
  const row = await db('accompaniments').where({ id }).first<{ lock_version: number }>('lock_version');
  return row?.lock_version;
}

/** Coordinators of the operator, for the "coordinator" select. */
export function operatorCoordinators(db: Db, operatorId: string) {
  return db('users')
    .where({ organisation_id: operatorId, status: 'active' })
    .whereIn('role', ['coordinator', 'manager'])
    .orderBy('name')
    .select<Pick<UsersRow, 'id' | 'name'>[]>('id', 'name');
}
