/** Deliverable routes (their files' purpose and upload route: documents.ts): creating an expected deliverable, its page; registers the other deliverable routes. */
import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { parseForm, formErrorOf } from '../platform/forms';
import { authorize } from '../platform/policy';
import { createStorage } from '../platform/storage';
import { flash } from '../platform/views';
import { registerDeliverableActionRoutes } from './action-routes';
import { registerDeliverableConsentRoutes } from './consent-routes';
import { deliverablePolicy } from './policy';
import { createDeliverable } from './commands';
import { loadDeliverable } from './queries';
import { registerDeliverableReviewRoutes } from './review-routes';
import { deliverableSchema, DELIVERABLE_TYPES } from './schemas';
import { Acc, body, FormState, page, renderShow } from './show';
import { registerDeliverableVersionRoutes } from './version-routes';

/**
 * Deliverables: operator staff list what is expected; the selected provider (or staff) uploads
 * versions and submits; the coordinator accepts or asks for changes (with a comment). A new
 * version after changes were requested puts the deliverable back under review. Files are
 * documents of purpose 'deliverable', read under the rule of deliverablePolicy.download.
 */
export function registerDeliverables(app: Express, deps: Deps) {
  const { write, config } = deps;
  const storage = createStorage(config);

  // ---- creating an expected deliverable ------------------------------------------------

  const renderNew = (req: Request, res: Response, status: number, acc: Acc, state: FormState) =>
    res.status(status).render('deliverables/new', {
      title: req.t('deliverables.new.title'),
      acc,
      types: DELIVERABLE_TYPES,
      ...state,
      formError: formErrorOf(req.t, state.errors),
    });

  app.get('/accompaniments/:id/deliverables/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(deliverablePolicy.create(currentUser(req), acc));
    renderNew(req, res, 200, acc, { values: { type: 'action_plan', title: '', expected_on: '' }, errors: {} });
  });

  app.post('/accompaniments/:id/deliverables/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(deliverablePolicy.create(currentUser(req), acc));
    const form = parseForm(deliverableSchema, req.body, req.t);
    if (!form.ok) return renderNew(req, res, 422, acc, { values: body(req), errors: form.errors });
    const id = await write(req, (w) => createDeliverable(w, acc.id, form.data));
    flash(req, 'success', req.t('deliverables.created', { title: form.data.title }));
    res.redirect(page({ id }));
  });

  // ---- the deliverable's page ---------------------------------------------------------

  app.get('/deliverables/:id', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.list(currentUser(req), acc));
    await renderShow(deps, req, res, 200, d, acc);
  });

  registerDeliverableVersionRoutes(app, deps, storage);
  registerDeliverableReviewRoutes(app, deps);
  registerDeliverableConsentRoutes(app, deps);
  registerDeliverableActionRoutes(app, deps);
}
