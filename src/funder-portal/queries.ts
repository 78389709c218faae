import type { Knex } from 'knex';
import { scopeAccompaniments } from '../accompaniments/scope';
import type { State } from '../accompaniments/states';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { paginate } from '../platform/pagination';
import { localToday } from '../platform/dates';
import { currentPhaseOf, nextPhaseOf } from '../phases/status';
import type { Read } from '../platform/read-together';
import { scopeReports } from '../progress-reports/scope';

/**
 * What the funder portal reads. Every query goes through the areas' scopes: scopeReports (a funder
 * sees only SENT reports of accompaniments it funds, hence another funder's only when co-funded)
 * and scopeAccompaniments (the cases it funds). Nothing here decides visibility on its own.
 */

export type PortalFilters = { state?: State; year?: number };

export type PortalReport = {
  id: string;
  accompaniment_id: string;
  accompaniment_title: string;
  title: string;
  milestone: string;
  sent_at: Date;
  sha256: string;
};

type ReportOptions = { accompanimentId?: string; year?: number };

/** Reports the user may see, newest sent first; optionally of one case, or sent in one year. */
export function listPortalReports(db: Db, user: SessionUser, opts: ReportOptions, page: number, size = 20) {
  return paginate<PortalReport>(portalReports(db, user, opts), page, size);
}

/** The latest reports as one read of the home page (src/platform/read-together.ts). */
export const latestReportsRead = (db: Db, user: SessionUser, size: number): Read<PortalReport> => ({
  query: portalReports(db, user, {}).limit(size),
  dates: ['sent_at'],
  bigints: ['id', 'accompaniment_id'],
});

function portalReports(db: Db, user: SessionUser, opts: ReportOptions) {
  const q = db('progress_reports as r')
    .join('accompaniments as a', 'a.id', 'r.accompaniment_id')
    .where('r.status', 'sent')
    .select(
      'r.id',
      'r.accompaniment_id',
      'a.title as accompaniment_title',
      'r.title',
      'r.milestone',
      'r.sent_at',
      'r.sha256',
    )
    .orderBy([
      { column: 'r.sent_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ]);
  scopeReports(db, user, q);
  if (opts.accompanimentId) q.where('r.accompaniment_id', opts.accompanimentId);
  if (opts.year) q.whereRaw(`extract(year from r.sent_at at time zone 'Europe/Paris') = ?`, [opts.year]);
  return q;
}

export type FundedRow = {
  id: string;
  operator_id: string;
  title: string;
  state: State;
  operator_name: string;
  intake_on: string;
  budget_days: string | null;
  budget_eur: string | null;
  /** The user's organisation's own share (a funder only ever funds what is in its scope). */
  own_funding_eur: string | null;
  active_beneficiaries: string;
  withdrawn_beneficiaries: string;
  current_phase: string | null;
  next_phase: string | null;
  next_phase_start: string | null;
};

const fundedBase = (db: Db, user: SessionUser) =>
  scopeAccompaniments(db, user, db('accompaniments as a').join('organisations as op', 'op.id', 'a.operator_id'));

function applyFilters(q: Knex.QueryBuilder, f: PortalFilters) {
  if (f.state) q.where('a.state', f.state);
  if (f.year) q.whereRaw('extract(year from a.intake_on) = ?', [f.year]);
  return q;
}

/**
 * The funded cases, one page at a time (a national funder has thousands): one query with
 * correlated sub-selects, whatever the number of beneficiaries or phases.
 */
export function listFundedAccompaniments(db: Db, user: SessionUser, f: PortalFilters, page: number, size = 25) {
  const q = fundedBase(db, user)
    .select(
      'a.id',
      'a.operator_id',
      'a.title',
      'a.state',
      'a.intake_on',
      'a.budget_days',
      'a.budget_eur',
      'op.name as operator_name',
      db.raw(
        '(select f.amount_eur from accompaniment_funding f where f.accompaniment_id = a.id and f.funder_id = ?) as own_funding_eur',
        [user.organisation_id],
      ),
      db.raw(
        `(select count(*) from accompaniment_beneficiaries b where b.accompaniment_id = a.id and b.status = 'active') as active_beneficiaries`,
      ),
      db.raw(
        `(select count(*) from accompaniment_beneficiaries b where b.accompaniment_id = a.id and b.status = 'withdrawn') as withdrawn_beneficiaries`,
      ),
      currentPhaseOf(db, localToday()),
      nextPhaseOf(db, localToday(), 'name', 'next_phase'),
      nextPhaseOf(db, localToday(), 'planned_start', 'next_phase_start'),
    )
    .orderBy([
      { column: 'a.intake_on', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ]);
  return paginate<FundedRow>(applyFilters(q, f), page, size);
}

/** How many cases the user's organisation funds (the home panel's figure), as one read of the home. */
export const countFundedRead = (db: Db, user: SessionUser): Read<{ count: string }> => ({
  query: fundedBase(db, user).count('* as count'),
  bigints: ['count'],
});

/** Intake years of the funded cases, newest first: the choices of the year filter. */
export async function fundedYears(db: Db, user: SessionUser): Promise<number[]> {
  const rows = await fundedBase(db, user)
    .distinct(db.raw('extract(year from a.intake_on)::int as year'))
    .orderBy('year', 'desc');
  return rows.map((r: { year: number }) => Number(r.year));
}
