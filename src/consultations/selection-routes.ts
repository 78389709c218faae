/** Consultation routes for the selection of a provider, its withdrawal, and applying the selected budget. */
import type { Express } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { DateRefused, dateRefusalError } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { parseForm, postedForm, type FieldErrors } from '../platform/forms';
import { flash } from '../platform/views';
import { ConsultationRefused } from './commands';
import { applyBudget, notifyBidder, select, unselect } from './selection-commands';
import { back, loadBidForEdit, loadForEdit, refused, renderWorkspace, str } from './route-helpers';
import { notificationSchema, selectSchema, unselectSchema } from './schemas';

/** Selecting a bid (with the notices to every bidder), unselecting it, and applying its days and price to the case. */
export function registerConsultationSelectionRoutes(app: Express, deps: Deps) {
  const { write } = deps;

  // The selection, its record, and the notices to every bidder.
  app.post('/accompaniments/:id/consultation/select', requireLogin, async (req, res) => {
    const acc = await loadForEdit(deps, req);
    const form = parseForm(selectSchema, req.body, req.t);
    const values = {
      selected_bid_id: str(postedForm(req).selected_bid_id),
      selected_on: str(postedForm(req).selected_on),
      selection_rationale: str(postedForm(req).selection_rationale),
      no_mail: str(postedForm(req).no_mail),
    };
    const again = (errors: FieldErrors) =>
      renderWorkspace(deps, req, res, acc, 422, { errors, values, formError: req.t('form.hasErrors') });
    if (!form.ok) return again(form.errors);
    try {
      const result = await write(req, (w) => select(w, acc, form.data, currentUser(req).id));
      flash(req, 'success', req.t('consultations.select.done', { name: result.providerName, mails: result.mails }));
      if (result.unreached) flash(req, 'info', req.t('consultations.select.unreached'));
      res.redirect(back(acc));
    } catch (err) {
      if (err instanceof DateRefused) return again(dateRefusalError(req, err));
      if (err instanceof ConsultationRefused && err.reasonKey === 'consultations.select.notAProposal')
        return again({ selected_bid_id: req.t(err.reasonKey) });
      refused(req, res, acc, err);
    }
  });

  // A bidder told the result another way (no e-mail address, or told before the case was recorded).
  // Its form sits in the bidder's row: the refused fields are keyed by the bid (notified_on-<bid id>).
  app.post('/accompaniments/:id/consultation/bids/:bidId/notification', requireLogin, async (req, res) => {
    const { acc, bid } = await loadBidForEdit(deps, req);
    const form = parseForm(notificationSchema, req.body, req.t);
    const values = {
      [`notified_on-${bid.id}`]: str(postedForm(req).notified_on),
      [`notified_channel-${bid.id}`]: str(postedForm(req).notified_channel),
    };
    const again = (errors: Record<string, string>) =>
      renderWorkspace(deps, req, res, acc, 422, {
        errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${k}-${bid.id}`, v])),
        values,
        formError: req.t('form.hasErrors'),
      });
    if (!form.ok) return again(form.errors);
    try {
      await write(req, (w) => notifyBidder(w, acc.id, bid, form.data));
      flash(req, 'success', req.t('consultations.notify.done', { name: bid.provider_name }));
      res.redirect(back(acc));
    } catch (err) {
      if (err instanceof DateRefused) return again(dateRefusalError(req, err));
      refused(req, res, acc, err);
    }
  });

  app.post('/accompaniments/:id/consultation/unselect', requireLogin, async (req, res) => {
    const acc = await loadForEdit(deps, req);
    const form = parseForm(unselectSchema, req.body, req.t);
    const values = { unselect_reason: str(postedForm(req).unselect_reason) };
    if (!form.ok)
      return renderWorkspace(deps, req, res, acc, 422, {
        errors: form.errors,
        values,
        formError: req.t('form.hasErrors'),
      });
    try {
      await write(req, (w) => unselect(w, acc.id, form.data.unselect_reason));
      flash(req, 'success', req.t('consultations.unselect.done'));
      res.redirect(back(acc));
    } catch (err) {
      refused(req, res, acc, err);
    }
  });

  app.post('/accompaniments/:id/consultation/apply-budget', requireLogin, async (req, res) => {
    const acc = await loadForEdit(deps, req);
    try {
      const r = await write(req, (w) => applyBudget(w, acc.id));
      const done = r.changed ? 'consultations.budget.applied' : 'consultations.budget.nothingToApply';
      flash(req, r.changed ? 'success' : 'info', req.t(done));
      res.redirect(back(acc));
    } catch (err) {
      refused(req, res, acc, err);
    }
  });
}
