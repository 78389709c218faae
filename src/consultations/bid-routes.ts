/** Consultation routes for the providers invited and their answers (proposal or refusal). */
import type { Express, Request, Response } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { localToday } from '../platform/dates';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { flash } from '../platform/views';
import { invite, InvitationReasonRequired, NotAProvider, recordAnswer } from './bid-commands';
import { findBid, lockReason } from './queries';
import { Acc, back, loadBidForEdit, loadForEdit, plain, refused, renderWorkspace, str } from './route-helpers';
import { inviteSchema, parseAnswer } from './schemas';

/** Inviting a provider to bid, and recording its proposal or its refusal. */
export function registerConsultationBidRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // Invitations: whom the coordinator invites, whether Jalons proposed it, and why.
  app.post('/accompaniments/:id/consultation/bids', requireLogin, async (req, res) => {
    const acc = await loadForEdit(deps, req);
    const posted = postedForm(req);
    const values = {
      bid_provider_id: str(posted.bid_provider_id),
      bid_invited_on: str(posted.bid_invited_on),
      invitation_reason: str(posted.invitation_reason),
    };
    const again = (errors: FieldErrors) => renderWorkspace(deps, req, res, acc, 422, { errors, values });
    const form = parseForm(inviteSchema, req.body, req.t);
    if (!form.ok) return again(form.errors);
    try {
      const result = await write(req, (w) => invite(w, acc, form.data));
      const done = req.t('consultations.invite.done', { name: result.name });
      flash(req, result.added ? 'success' : 'info', result.added ? done : req.t('consultations.invite.duplicate'));
      res.redirect(back(acc));
    } catch (err) {
      if (err instanceof NotAProvider) return again({ bid_provider_id: req.t('consultations.invite.notProvider') });
      if (err instanceof InvitationReasonRequired)
        return again({ invitation_reason: req.t('providers.suggest.reasonRequired') });
      refused(req, res, acc, err);
    }
  });

  // A provider's answer: its proposal, or its refusal.
  const renderBid = (
    req: Request,
    res: Response,
    status: number,
    locals: {
      acc: Acc;
      bid: NonNullable<Awaited<ReturnType<typeof findBid>>>;
      values: Record<string, unknown>;
      errors: FieldErrors;
      formError?: string;
    },
  ) =>
    res.status(status).render('consultations/bid', {
      title: req.t('consultations.proposal.title', { name: locals.bid.provider_name }),
      ...locals,
      formError: formErrorOf(req.t, locals.errors, locals.formError),
    });

  app.get('/accompaniments/:id/consultation/bids/:bidId', requireLogin, async (req, res) => {
    const { acc, bid } = await loadBidForEdit(deps, req);
    const selected = await db('consultation_bids')
      .where({ accompaniment_id: acc.id, status: 'selected' })
      .first<{ id: string } | undefined>('id');
    const locked = lockReason(acc.state, Boolean(selected));
    if (locked) {
      flash(req, 'error', req.t(locked));
      return res.redirect(back(acc));
    }
    const values = {
      outcome: bid.status === 'declined' ? 'declined' : 'proposed',
      received_on: bid.received_on ?? localToday(),
      proposal_days: plain(bid.proposal_days),
      proposal_price_eur: plain(bid.proposal_price_eur),
      method: bid.method ?? '',
      lock_version: bid.lock_version,
    };
    renderBid(req, res, 200, { acc, bid, values, errors: {} });
  });

  app.post('/accompaniments/:id/consultation/bids/:bidId', requireLogin, async (req, res) => {
    const { acc, bid } = await loadBidForEdit(deps, req);
    const again = (
      status: number,
      more: { bid?: typeof bid; values?: Record<string, unknown>; errors?: FieldErrors; formError?: string },
    ) => renderBid(req, res, status, { acc, bid, values: postedForm(req), errors: {}, ...more });
    const form = parseAnswer(req.body, req.t);
    if (!form.ok) return again(422, { errors: form.errors });
    const lockVersion = postedLockVersion(postedForm(req).lock_version);
    try {
      // Someone recorded another answer in between: this one is kept, against the current version,
      // so that saving again is a deliberate overwrite rather than a silent one.
      if (!(await write(req, (w) => recordAnswer(w, acc.id, bid, lockVersion, form.data)))) {
        const current = (await findBid(db, acc.id, bid.id)) ?? bid;
        const values = { ...postedForm(req), lock_version: current.lock_version };
        return again(409, { bid: current, values, formError: req.t('consultations.proposal.conflict') });
      }
      const done =
        form.data.outcome === 'declined' ? 'consultations.proposal.declinedSaved' : 'consultations.proposal.saved';
      flash(req, 'success', req.t(done, { name: bid.provider_name }));
      res.redirect(back(acc));
    } catch (err) {
      refused(req, res, acc, err);
    }
  });
}
