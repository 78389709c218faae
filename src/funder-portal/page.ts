/** The view model of the funder portal's page: the reports received and the funded cases, each paged and filtered. */
import type { Request } from 'express';
import { accompanimentPolicy } from '../accompaniments/policy';
import { STATES } from '../accompaniments/states';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { filterQuery, pageNumber } from '../platform/pagination';
import { daysSummaries } from '../sessions/days-consumed';
import { fundedYears, listFundedAccompaniments, listPortalReports, type PortalFilters } from './queries';

/** A year typed in the query string; anything else (abc, 99999) is simply no filter. */
function yearOf(value: unknown) {
  const n = Number(value);
  return typeof value === 'string' && /^\d{4}$/.test(value) && n >= 1990 && n <= 2100 ? n : undefined;
}

function filtersOf(query: Request['query']): PortalFilters {
  return { state: STATES.find((s) => s === query.state), year: yearOf(query.year) };
}

/** The portal page's locals (without its title), from the query string: filters, `page` of cases, `rpage` of reports. */
export async function portalPage(db: Db, user: SessionUser, query: Request['query']) {
  const filters = filtersOf(query);
  const accPage = pageNumber(query.page);
  const reportsPage = pageNumber(query.rpage);
  const [reports, funded, years] = await Promise.all([
    listPortalReports(db, user, { year: filters.year }, reportsPage),
    listFundedAccompaniments(db, user, filters, accPage),
    fundedYears(db, user),
  ]);
  // Days are only ever summed from sessions (src/sessions/days-consumed.ts), one page of cases at a time.
  const days = await daysSummaries(
    db,
    funded.rows.map((a) => a.id),
  );
  const rows = funded.rows.map((a) => ({
    ...a,
    days: days.get(a.id)!,
    own_funding_eur: accompanimentPolicy.seeFunding(user, a) ? a.own_funding_eur : null,
  }));
  return {
    filters,
    states: STATES,
    years,
    reports,
    funded: { ...funded, rows },
    reportsQuery: (p: number) =>
      filterQuery({ ...filters, page: accPage > 1 ? accPage : undefined, rpage: p > 1 ? p : undefined }),
    fundedQuery: (p: number) => filterQuery({ ...filters, rpage: reportsPage > 1 ? reportsPage : undefined }, p),
  };
}
