import type { Express, Request } from 'express';
import { structurePolicy } from '../structures/policy';
import { accompanimentPolicy } from '../accompaniments/policy';
import { loadAccompaniment } from '../accompaniments/load';
import { STATES } from '../accompaniments/states';
import { currentUser, requireRole } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { filterQuery, pageNumber } from '../platform/pagination';
import { daysSummaries } from '../sessions/days-consumed';
import { fundedYears, listFundedAccompaniments, listPortalReports, type PortalFilters } from './queries';
import { portalSummary } from './summary';

/** A year typed in the query string; anything else (abc, 99999) is simply no filter. */
function yearOf(value: unknown) {
  const n = Number(value);
  return typeof value === 'string' && /^\d{4}$/.test(value) && n >= 1990 && n <= 2100 ? n : undefined;
}

function filtersOf(req: Request): PortalFilters {
  return { state: STATES.find((s) => s === req.query.state), year: yearOf(req.query.year) };
}

/**
 * The funder portal: the reports sent to the funder's organisation and a read-only summary of the
 * accompaniments it funds. Funder users only (others get 403); what a funder sees comes from the
 * scopes of the accompaniments and reports areas.
 */
export function registerFunderPortal(app: Express, deps: Deps) {
  const { db } = deps;
  const funderOnly = requireRole('funder');

  app.get('/portal', funderOnly, async (req, res) => {
    const user = currentUser(req);
    const filters = filtersOf(req);
    const accPage = pageNumber(req.query.page);
    const reportsPage = pageNumber(req.query.rpage);
    const [reports, funded, years] = await Promise.all([
      listPortalReports(db, user, { year: filters.year }, reportsPage),
      listFundedAccompaniments(db, user, filters, accPage),
      fundedYears(db, user),
    ]);
    // Days are only ever summed from sessions (src/sessions/days-consumed.ts), one page of cases at a time.
    const days = await daysSummaries(
      db,
      funded.rows.map((a) => String(a.id)),
    );
    const rows = funded.rows.map((a) => ({
      ...a,
      days: days.get(String(a.id))!,
      own_funding_eur: accompanimentPolicy.seeFunding(user, a) ? a.own_funding_eur : null,
    }));
    res.render('funder-portal/index', {
      title: req.t('funderPortal.title'),
      filters,
      states: STATES,
      years,
      reports,
      funded: { ...funded, rows },
      reportsQuery: (p: number) =>
        filterQuery({ ...filters, page: accPage > 1 ? accPage : undefined, rpage: p > 1 ? p : undefined }),
      fundedQuery: (p: number) => filterQuery({ ...filters, rpage: reportsPage > 1 ? reportsPage : undefined }, p),
    });
  });

  app.get('/portal/accompaniments/:id', funderOnly, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const summary = await portalSummary(db, currentUser(req), acc);
    res.render('funder-portal/show', {
      title: acc.title,
      acc,
      ...summary,
      canOpenStructure: (organisationId: string) => structurePolicy.open(currentUser(req), organisationId),
    });
  });
}
