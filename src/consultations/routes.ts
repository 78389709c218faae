/** Consultation routes: the operator's workspace page; registers the terms, bid, score and selection routes. */
import type { Express } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { authorize } from '../platform/policy';
import { registerConsultationBidRoutes } from './bid-routes';
import { consultationPolicy } from './policy';
import { renderWorkspace } from './route-helpers';
import { registerConsultationScoreRoutes } from './score-routes';
import { registerConsultationSelectionRoutes } from './selection-routes';
import { registerConsultationTermsRoutes } from './terms-routes';

/**
 * The restricted call for competences of an accompaniment. Only the operator's staff change it;
 * admins may read it; nobody else ever reaches these pages (providers must not see competitors).
 */
export function registerConsultations(app: Express, deps: Deps) {
  app.get('/accompaniments/:id/consultation', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(consultationPolicy.seeDetails(currentUser(req), acc));
    await renderWorkspace(deps, req, res, acc);
  });

  registerConsultationTermsRoutes(app, deps);
  registerConsultationBidRoutes(app, deps);
  registerConsultationScoreRoutes(app, deps);
  registerConsultationSelectionRoutes(app, deps);
}
