/** Deliverable routes for the structured actions of an action plan. */
import type { Express } from 'express';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { addAction, removeAction } from './commands';
import { DeliverableRefused } from './lifecycle';
import { deliverablePolicy } from './policy';
import { loadDeliverable, structuresOf } from './queries';
import { actionSchema } from './schemas';
import { body, page, renderShow } from './show';

/** Adding and removing the actions of an action plan until it is accepted. */
export function registerDeliverableActionRoutes(app: Express, deps: Deps) {
  app.post('/deliverables/:id/actions', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.manageActions(currentUser(req), acc, d));
    const form = parseForm(actionSchema, req.body, req.t);
    const values = { what: '', owner_organisation_id: '', due_on: '', status: 'open', ...body(req) };
    if (!form.ok)
      return renderShow(deps, req, res, 422, d, acc, {
        action: { values, errors: form.errors, formError: req.t('form.hasErrors') },
      });
    if (!(await structuresOf(deps.db, acc.id)).some((s) => s.id === form.data.owner_organisation_id)) {
      return renderShow(deps, req, res, 422, d, acc, {
        action: {
          values,
          errors: { owner_organisation_id: req.t('validation.choice') },
          formError: req.t('form.hasErrors'),
        },
      });
    }
    try {
      await deps.write(req, (w) => addAction(w, d, form.data));
    } catch (err) {
      if (!(err instanceof DeliverableRefused)) throw err;
      return renderShow(deps, req, res, 422, d, acc, { action: { values, errors: {}, formError: req.t(err.key) } });
    }
    flash(req, 'success', req.t('deliverables.actions.added'));
    res.redirect(`${page(d)}#actions`);
  });

  app.post('/deliverables/:id/actions/:actionId/delete', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.manageActions(currentUser(req), acc, d));
    const { actionId } = req.params;
    if (!isId(actionId)) throw notFound();
    try {
      if (!(await deps.write(req, (w) => removeAction(w, d, actionId)))) throw notFound();
    } catch (err) {
      if (!(err instanceof DeliverableRefused)) throw err;
      flash(req, 'error', req.t(err.key));
      return res.redirect(`${page(d)}#actions`);
    }
    flash(req, 'success', req.t('deliverables.actions.removed'));
    res.redirect(`${page(d)}#actions`);
  });
}
