/** Deliverable routes for the structured actions of an action plan. */
import type { Express } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { deliverablePolicy } from './policy';
import { insertAction, loadDeliverable, lockDeliverable, structuresOf } from './queries';
import { actionSchema } from './schemas';
import { body, page, Refused, renderShow } from './show';

/** Adding and removing the actions of an action plan until it is accepted. */
export function registerDeliverableActionRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // ---- structured actions of an action plan -------------------------------------------

  app.post('/deliverables/:id/actions', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.manageActions(req.user!, acc, d));
    const form = parseForm(actionSchema, req.body, req.t);
    const values = { what: '', owner_organisation_id: '', due_on: '', status: 'open', ...body(req) };
    if (!form.ok) return renderShow(deps, req, res, 422, d, acc, { action: { values, errors: form.errors, formError: req.t('form.hasErrors') } });
    if (!(await structuresOf(db, acc.id)).some((s) => s.id === form.data.owner_organisation_id)) {
      return renderShow(deps, req, res, 422, d, acc, { action: { values, errors: { owner_organisation_id: req.t('validation.choice') }, formError: req.t('form.hasErrors') } });
    }
    try {
      await write(req, async (w) => {
        const locked = await lockDeliverable(w.trx, d.id);
        if (locked.status === 'accepted') throw new Refused('deliverables.refused.accepted');
        const id = await insertAction(w.trx, d, form.data);
        await w.audit({ action: 'deliverable.action_add', entityType: 'deliverable', entityId: d.id, details: { accompaniment_id: acc.id, action_item_id: id, ...form.data } });
      });
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      return renderShow(deps, req, res, 422, d, acc, { action: { values, errors: {}, formError: req.t(err.key) } });
    }
    flash(req, 'success', req.t('deliverables.actions.added'));
    res.redirect(`${page(d)}#actions`);
  });

  app.post('/deliverables/:id/actions/:actionId/delete', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.manageActions(req.user!, acc, d));
    const actionId = String(req.params.actionId);
    if (!/^[1-9]\d{0,17}$/.test(actionId)) throw notFound();
    const removed = await write(req, async (w) => {
      const locked = await lockDeliverable(w.trx, d.id);
      if (locked.status === 'accepted') return 0;
      const n = await w.trx('action_items').where({ id: actionId, deliverable_id: d.id }).del();
      await w.audit({ action: 'deliverable.action_remove', entityType: 'deliverable', entityId: d.id, details: { accompaniment_id: acc.id, action_item_id: actionId, removed: n } });
      return n;
    });
    if (!removed) throw notFound();
    flash(req, 'success', req.t('deliverables.actions.removed'));
    res.redirect(`${page(d)}#actions`);
  });
}
