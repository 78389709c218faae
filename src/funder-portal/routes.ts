import type { Express } from 'express';
import { structurePolicy } from '../structures/policy';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireRole } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { portalPage } from './page';
import { portalSummary } from './summary';

/**
 * The funder portal: the reports sent to the funder's organisation and a read-only summary of the
 * accompaniments it funds. Funder users only (others get 403); what a funder sees comes from the
 * scopes of the accompaniments and reports areas.
 */
export function registerFunderPortal(app: Express, deps: Deps) {
  const { db } = deps;
  const funderOnly = requireRole('funder');

  app.get('/portal', funderOnly, async (req, res) => {
    const page = await portalPage(db, currentUser(req), req.query);
    res.render('funder-portal/index', { title: req.t('funderPortal.title'), ...page });
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
