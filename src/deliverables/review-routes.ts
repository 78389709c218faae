/** Deliverable routes for the coordinator's review: accept, or ask for changes with a comment. */
import type { Express } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { DateRefused, dateRefusalError, localToday, refuseBefore } from '../platform/dates';
import { parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { deliverablePolicy } from './policy';
import { loadDeliverable, lockDeliverable } from './queries';
import { reviewSchema } from './schemas';
import { body, page, Refused, renderShow } from './show';

/** The review of a submitted deliverable; accepting an action plan publishes its actions. */
export function registerDeliverableReviewRoutes(app: Express, deps: Deps) {
  const { write } = deps;

  // ---- review by the coordinator --------------------------------------------------------

  app.post('/deliverables/:id/review', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.review(req.user!, acc));
    // The day of the decision is the form's (today when it sent none).
    const values = { decision: '', comment: '', decided_on: localToday(), ...body(req) };
    const form = parseForm(reviewSchema, values, req.t);
    if (!form.ok) return renderShow(deps, req, res, 422, d, acc, { review: { values, errors: form.errors, formError: req.t('form.hasErrors') } });
    const accept = form.data.decision === 'accept';
    try {
      await write(req, async (w) => {
        const locked = await lockDeliverable(w.trx, d.id);
        if (locked.status !== 'submitted') throw new Refused('deliverables.refused.notSubmitted');
        const reviewed = await w.trx('deliverable_versions').where({ deliverable_id: d.id }).orderBy('version', 'desc').first<{ version: number; submitted_on: string } | undefined>('version', 'submitted_on');
        const max = reviewed?.version ?? null;
        // A decision on a version is taken once it was handed in (the case's intake before that).
        refuseBefore('decided_on', form.data.decided_on, acc.intake_on, 'deliverables.dates.beforeIntake');
        refuseBefore('decided_on', form.data.decided_on, reviewed?.submitted_on, 'deliverables.dates.beforeSubmission');
        const status = accept ? 'accepted' : 'changes_requested';
        await w.trx('deliverables').where({ id: d.id }).update({ status, updated_at: w.trx.fn.now() });
        await w.trx('deliverable_comments').insert({ deliverable_id: d.id, decision: status, body: form.data.comment, version: max, author_id: w.actor.userId, decided_on: form.data.decided_on });
        let published = 0;
        if (accept) published = await w.trx('action_items').where({ deliverable_id: d.id }).update({ visible: true });
        await w.audit({ action: `deliverable.${status}`, entityType: 'deliverable', entityId: d.id, details: { accompaniment_id: acc.id, version: max, comment: form.data.comment, decided_on: form.data.decided_on, actions_published: published } });
      });
    } catch (err) {
      if (err instanceof DateRefused) return renderShow(deps, req, res, 422, d, acc, { review: { values, errors: dateRefusalError(req, err), formError: req.t('form.hasErrors') } });
      if (!(err instanceof Refused)) throw err;
      return renderShow(deps, req, res, 422, d, acc, { review: { values, errors: {}, formError: req.t(err.key) } });
    }
    flash(req, 'success', req.t(accept ? 'deliverables.accepted' : 'deliverables.changesRequested'));
    res.redirect(page(d));
  });
}
