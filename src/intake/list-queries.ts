/**
 * The intake register's lists: its page with the filters (list of /intake) and the home page's
 * reminder of requests left unanswered past the operator's delay.
 */
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import type { Knex } from 'knex';
import { PAGE_SIZE, pageOf, pageQuery, TOTAL, type WithTotal } from '../platform/pagination';
import { read, readTogether, type Read } from '../platform/read-together';
import { reminderDaysSql } from '../operator-settings/settings';
import type { IntakeStatus } from './lifecycle';
import { ownerChoices, type Owner } from './queries';
import type { Channel, ListFilters } from './schemas';
import { scopeIntakeRequests } from './scope';

/** The years the operator received requests in, latest first (the list's year filter). */
function intakeYears(db: Db, user: SessionUser) {
  const q = db('intake_requests as ir')
    .distinct(db.raw('extract(year from ir.received_on)::int as year'))
    .orderBy('year', 'desc');
  return scopeIntakeRequests(user, q);
}

export type ListRow = {
  id: string;
  structure_name: string;
  organisation_id: string;
  received_on: string;
  channel: Channel;
  referred_by: string | null;
  need: string;
  owner_id: string | null;
  owner_name: string | null;
  status: IntakeStatus;
  outcome_on: string | null;
  outcome_partner: string | null;
  waiting_days: number;
};

/**
 * The register's order: the oldest unanswered requests first, then the answered ones, latest first.
 * Written exactly as the index intake_requests_register_idx (migration 20261207910100), which serves it.
 */
const LIST_ORDER = (t: string) =>
  `(${t}.status <> 'received'), case when ${t}.status = 'received' then ${t}.received_on end asc, ${t}.received_on desc, ${t}.id desc`;

/**
 * The register's page, its year filter and the owners' filter, read together (one statement). The
 * requests are filtered, counted, ordered and cut to the page on their own table (the operator's few
 * hundred, by its index); the structure's and owner's names are looked up for the page's rows only.
 * Filters: by status, channel, owner ('me' or an id), year received, and « sans réponse depuis plus
 * de N jours » (received, and received more than N days before `today`).
 */
export async function intakeListPage(db: Db, user: SessionUser, f: ListFilters, today: string, page: number) {
  const q = db('intake_requests as ir')
    .select(
      'ir.id',
      'ir.organisation_id',
      'ir.received_on',
      'ir.channel',
      'ir.referred_by',
      'ir.need',
      'ir.owner_id',
      'ir.status',
      'ir.outcome_on',
      'ir.outcome_partner',
      db.raw('(?::date - ir.received_on) as waiting_days', [today]),
    )
    .orderByRaw(LIST_ORDER('ir'));
  scopeIntakeRequests(user, q);
  if (f.status) q.where('ir.status', f.status);
  if (f.channel) q.where('ir.channel', f.channel);
  if (f.owner) q.where('ir.owner_id', f.owner === 'me' ? user.id : f.owner);
  if (f.year) q.whereBetween('ir.received_on', [`${f.year}-01-01`, `${f.year}-12-31`]);
  if (f.unanswered !== undefined)
    q.where('ir.status', 'received').whereRaw('ir.received_on < ?::date - ?::int', [today, f.unanswered]);
  const named = (rows: Knex.QueryBuilder) =>
    db
      .from(rows.as('r'))
      .join('organisations as o', 'o.id', 'r.organisation_id')
      .leftJoin('users as ow', 'ow.id', 'r.owner_id')
      .select('r.*', 'o.name as structure_name', 'ow.name as owner_name')
      .orderByRaw(LIST_ORDER('r'));
  const one = pageQuery(q, page, PAGE_SIZE, named);
  const { rows, years, owners } = await readTogether(db, {
    rows: read<WithTotal<ListRow>>(one.rows, {
      bigints: ['id', 'organisation_id', 'owner_id', TOTAL],
    }),
    years: read<{ year: number }>(intakeYears(db, user)),
    owners: read<Owner>(ownerChoices(db, user.organisation_id), { bigints: ['id'] }),
  });
  // A page past the end has no row to carry the count (a link from a list that got shorter).
  const total = !rows.length && page > 1 ? Number((await one.count)[0].count) : undefined;
  return { page: pageOf<ListRow>(rows, page, PAGE_SIZE, total), years: years.map((y) => y.year), owners };
}

export type ReminderRow = {
  id: string;
  structure_name: string;
  received_on: string;
  channel: Channel;
  waiting_days: number;
  reminder_days: number;
  total: string;
};

/**
 * The requests of the user's operator still unanswered after the operator's reminder delay, oldest
 * first (ten of them, with how many there are): on the home page of a coordinator (their own
 * requests) or of the direction (all of the operator's). Null for anyone else.
 */
export function unansweredRead(db: Db, user: SessionUser, today: string): Read<ReminderRow> | null {
  if (user.organisation_kind !== 'operator' || !['coordinator', 'manager'].includes(user.role)) return null;
  const days = reminderDaysSql(db, 'ir.operator_id');
  const q = db('intake_requests as ir')
    .join('organisations as o', 'o.id', 'ir.organisation_id')
    .where({ 'ir.operator_id': user.organisation_id, 'ir.status': 'received' })
    .whereRaw(`ir.received_on < ?::date - ${days.toQuery()}`, [today])
    .orderBy([{ column: 'ir.received_on' }, { column: 'ir.id' }])
    .limit(10)
    .select(
      'ir.id',
      'o.name as structure_name',
      'ir.received_on',
      'ir.channel',
      db.raw('(?::date - ir.received_on) as waiting_days', [today]),
      db.raw(`${days.toQuery()} as reminder_days`),
      db.raw('count(*) over () as total'),
    );
  if (user.role === 'coordinator') q.where('ir.owner_id', user.id);
  return read<ReminderRow>(q, { bigints: ['id', 'total'] });
}
