/** Deliverable routes for a structure's consent to show the deliverable to the funders. */
import type { Express } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { type FieldErrors, parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { recordConsent } from './commands';
import { deliverablePolicy } from './policy';
import { loadDeliverable, structuresOf } from './queries';
import { consentSchema } from './schemas';
import { body, page, renderShow } from './show';

/** Recording a structure's consent for the funders (once per structure). */
export function registerDeliverableConsentRoutes(app: Express, deps: Deps) {
  app.post('/deliverables/:id/consents', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    const user = currentUser(req);
    authorize(deliverablePolicy.recordConsent(user, acc));
    // A structure's own user signs in its own name.
    const raw = { ...body(req) };
    if (user.role === 'beneficiary') raw.signatory_name = raw.signatory_name || user.name;
    const form = parseForm(consentSchema, raw, req.t);
    const values = { organisation_id: '', signatory_name: '', given_on: '', ...raw };
    const refuse = (errors: FieldErrors) =>
      renderShow(deps, req, res, 422, d, acc, { consent: { values, errors, formError: req.t('form.hasErrors') } });
    if (!form.ok) return refuse(form.errors);
    if (!(await structuresOf(deps.db, acc.id)).some((s) => s.id === form.data.organisation_id))
      return refuse({ organisation_id: req.t('validation.choice') });
    authorize(deliverablePolicy.consentFor(user, acc, form.data.organisation_id));
    const added = await deps.write(req, (w) => recordConsent(w, d, form.data));
    const done = added ? 'deliverables.consent.recorded' : 'deliverables.consent.already';
    flash(req, added ? 'success' : 'info', req.t(done));
    res.redirect(`${page(d)}#consents`);
  });
}
