/** Deliverable routes for a structure's consent to show the deliverable to the funders. */
import type { Express } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { deliverablePolicy } from './policy';
import { loadDeliverable, structuresOf } from './queries';
import { consentSchema } from './schemas';
import { body, page, renderShow } from './show';

/** Recording a structure's consent for the funders (once per structure). */
export function registerDeliverableConsentRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // ---- consent of a structure for the funders -----------------------------------------

  app.post('/deliverables/:id/consents', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    const user = req.user!;
    authorize(deliverablePolicy.recordConsent(user, acc));
    // A structure's own user signs in its own name.
    const raw = { ...body(req) };
    if (user.role === 'beneficiary') raw.signatory_name = raw.signatory_name || user.name;
    const form = parseForm(consentSchema, raw, req.t);
    const values = { organisation_id: '', signatory_name: '', given_on: '', ...raw };
    if (!form.ok) return renderShow(deps, req, res, 422, d, acc, { consent: { values, errors: form.errors, formError: req.t('form.hasErrors') } });
    const structures = await structuresOf(db, acc.id);
    if (!structures.some((s) => s.id === form.data.organisation_id)) {
      return renderShow(deps, req, res, 422, d, acc, { consent: { values, errors: { organisation_id: req.t('validation.choice') }, formError: req.t('form.hasErrors') } });
    }
    authorize(deliverablePolicy.consentFor(user, acc, form.data.organisation_id));
    const added = await write(req, async (w) => {
      const rows = await w
        .trx('deliverable_consents')
        .insert({ deliverable_id: d.id, organisation_id: form.data.organisation_id, scope: 'funders', signatory_name: form.data.signatory_name, given_on: form.data.given_on, given_by: w.actor.userId })
        .onConflict(['deliverable_id', 'organisation_id', 'scope'])
        .ignore()
        .returning('id');
      await w.audit({ action: rows.length ? 'deliverable.consent' : 'deliverable.consent_duplicate', entityType: 'deliverable', entityId: d.id, details: { accompaniment_id: acc.id, ...form.data, scope: 'funders' } });
      return rows.length > 0;
    });
    flash(req, added ? 'success' : 'info', req.t(added ? 'deliverables.consent.recorded' : 'deliverables.consent.already'));
    res.redirect(`${page(d)}#consents`);
  });
}
