/** Consultation routes for the selection of a provider, its withdrawal, and applying the selected budget. */
import type { Express } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { parseForm } from '../platform/forms';
import { flash } from '../platform/views';
import { applySelectedBudget, ConsultationRefused, selectBid, unselectBid } from './commands';
import { back, loadForEdit, refused, renderWorkspace, str } from './route-helpers';
import { selectSchema, unselectSchema } from './schemas';

/** Selecting a bid (with the notices to every bidder), unselecting it, and applying its days and price to the case. */
export function registerConsultationSelectionRoutes(app: Express, deps: Deps) {
  const { write } = deps;

  // The selection, its record, and the notices to every bidder.
  app.post('/accompaniments/:id/consultation/select', requireLogin, async (req, res) => {
    const acc = await loadForEdit(deps, req);
    const form = parseForm(selectSchema, req.body, req.t);
    const values = { selected_bid_id: str(req.body?.selected_bid_id), selected_on: str(req.body?.selected_on), selection_rationale: str(req.body?.selection_rationale) };
    if (!form.ok) return renderWorkspace(deps, req, res, acc, 422, { errors: form.errors, values, formError: req.t('form.hasErrors') });
    try {
      const result = await write(req, async (w) => {
        const r = await selectBid(w.trx, acc, form.data.selected_bid_id, form.data, req.user!.id);
        await w.audit({
          action: 'consultation.select',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { bid_id: form.data.selected_bid_id, provider: r.providerName, selected_on: form.data.selected_on, rationale: form.data.selection_rationale, mails: r.mails },
        });
        return r;
      });
      flash(req, 'success', req.t('consultations.select.done', { name: result.providerName, mails: result.mails }));
      res.redirect(back(acc));
    } catch (err) {
      if (err instanceof ConsultationRefused && err.reasonKey === 'consultations.select.notAProposal') {
        return renderWorkspace(deps, req, res, acc, 422, { errors: { selected_bid_id: req.t(err.reasonKey) }, values, formError: req.t('form.hasErrors') });
      }
      refused(req, res, acc, err);
    }
  });

  app.post('/accompaniments/:id/consultation/unselect', requireLogin, async (req, res) => {
    const acc = await loadForEdit(deps, req);
    const form = parseForm(unselectSchema, req.body, req.t);
    const values = { unselect_reason: str(req.body?.unselect_reason) };
    if (!form.ok) return renderWorkspace(deps, req, res, acc, 422, { errors: form.errors, values, formError: req.t('form.hasErrors') });
    try {
      await write(req, async (w) => {
        const previous = await unselectBid(w.trx, acc.id);
        await w.audit({ action: 'consultation.unselect', entityType: 'accompaniment', entityId: acc.id, details: { bid_id: previous.id, provider_id: previous.provider_id, reason: form.data.unselect_reason } });
      });
      flash(req, 'success', req.t('consultations.unselect.done'));
      res.redirect(back(acc));
    } catch (err) {
      refused(req, res, acc, err);
    }
  });

  app.post('/accompaniments/:id/consultation/apply-budget', requireLogin, async (req, res) => {
    const acc = await loadForEdit(deps, req);
    try {
      const r = await write(req, async (w) => {
        const applied = await applySelectedBudget(w.trx, acc.id);
        await w.audit({ action: applied.changed ? 'consultation.apply_budget' : 'consultation.apply_budget_noop', entityType: 'accompaniment', entityId: acc.id, details: { days: applied.days, price: applied.price } });
        return applied;
      });
      flash(req, r.changed ? 'success' : 'info', req.t(r.changed ? 'consultations.budget.applied' : 'consultations.budget.nothingToApply'));
      res.redirect(back(acc));
    } catch (err) {
      refused(req, res, acc, err);
    }
  });
}
