/** Deliverable routes for the coordinator's review: accept, or ask for changes with a comment. */
import type { Express } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';
import { parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { reviewDeliverable } from './commands';
import { DeliverableRefused } from './lifecycle';
import { deliverablePolicy } from './policy';
import { loadDeliverable } from './queries';
import { reviewSchema } from './schemas';
import { body, page, renderShow } from './show';

/** The review of a submitted deliverable; accepting an action plan publishes its actions. */
export function registerDeliverableReviewRoutes(app: Express, deps: Deps) {
  app.post('/deliverables/:id/review', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.review(currentUser(req), acc));
    // The day of the decision is the form's (today when it sent none).
    const values = { decision: '', comment: '', decided_on: localToday(), ...body(req) };
    const form = parseForm(reviewSchema, values, req.t);
    if (!form.ok)
      return renderShow(deps, req, res, 422, d, acc, {
        review: { values, errors: form.errors, formError: req.t('form.hasErrors') },
      });
    try {
      await deps.write(req, (w) => reviewDeliverable(w, d, acc, form.data));
      flash(
        req,
        'success',
        req.t(form.data.decision === 'accept' ? 'deliverables.accepted' : 'deliverables.changesRequested'),
      );
      res.redirect(page(d));
    } catch (err) {
      if (err instanceof DateRefused)
        return renderShow(deps, req, res, 422, d, acc, {
          review: { values, errors: dateRefusalError(req, err), formError: req.t('form.hasErrors') },
        });
      if (!(err instanceof DeliverableRefused)) throw err;
      return renderShow(deps, req, res, 422, d, acc, { review: { values, errors: {}, formError: req.t(err.key) } });
    }
  });
}
