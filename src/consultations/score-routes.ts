/** Consultation routes for scoring a proposal against the grid. */
import type { Express, Request, Response } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { formErrorOf, postedForm, postedLockVersion, type FieldErrors } from '../platform/forms';
import { formatNumber } from '../platform/i18n';
import { flash } from '../platform/views';
import { scoreBid } from './bid-commands';
import { ConsultationRefused } from './commands';
import { findBid, gridTotal, listCriteria, lockReason, scoresOf } from './queries';
import { Acc, back, loadBidForEdit, refused, str } from './route-helpers';
import { parseScores } from './schemas';

/** What the scores page shows besides what it reads: the values typed (else those saved), the errors, the form's version. */
type ScoresLocals = {
  acc: Acc;
  bid: NonNullable<Awaited<ReturnType<typeof findBid>>>;
  values?: Record<string, string>;
  errors: FieldErrors;
  formError?: string | null;
  lockVersion?: unknown;
};

/** The scores of one proposal, criterion by criterion. */
export function registerConsultationScoreRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // Scoring a proposal against the grid.
  const renderScores = async (req: Request, res: Response, status: number, locals: ScoresLocals) => {
    const criteria = await listCriteria(db, locals.acc.id);
    const saved = await scoresOf(db, locals.bid.id);
    const selected = await db('consultation_bids')
      .where({ accompaniment_id: locals.acc.id, status: 'selected' })
      .first<{ id: string } | undefined>('id');
    const locked = lockReason(locals.acc.state, Boolean(selected));
    const canScore = !locked && locals.bid.status === 'proposed' && criteria.length > 0;
    const savedTotal = Object.values(saved).reduce((s, p) => s + Number(p), 0);
    res.status(status).render('consultations/scores', {
      title: req.t('consultations.scores.title', { name: locals.bid.provider_name }),
      acc: locals.acc,
      bid: locals.bid,
      criteria,
      gridMax: gridTotal(criteria),
      values: locals.values ?? saved,
      // The version the form was shown with, or the posted one on a 422 page.
      lockVersion: 'lockVersion' in locals ? locals.lockVersion : locals.bid.scores_lock_version,
      savedTotal: Object.keys(saved).length ? savedTotal : null,
      errors: locals.errors,
      canScore,
      notice: locked
        ? req.t(locked)
        : !criteria.length
          ? req.t('consultations.scores.noCriteria')
          : locals.bid.status !== 'proposed'
            ? req.t('consultations.scores.noProposal')
            : null,
      formError: formErrorOf(req.t, locals.errors, locals.formError),
    });
  };

  app.get('/accompaniments/:id/consultation/bids/:bidId/scores', requireLogin, async (req, res) => {
    const { acc, bid } = await loadBidForEdit(deps, req);
    await renderScores(req, res, 200, { acc, bid, errors: {} });
  });

  app.post('/accompaniments/:id/consultation/bids/:bidId/scores', requireLogin, async (req, res) => {
    const { acc, bid } = await loadBidForEdit(deps, req);
    const criteria = await listCriteria(db, acc.id);
    const values = Object.fromEntries(criteria.map((c) => [c.id, str(postedForm(req)[`score_${c.id}`])]));
    const again = (status: number, more: Partial<ScoresLocals>) =>
      renderScores(req, res, status, { acc, bid, values, errors: {}, ...more });
    if (!criteria.length) return again(422, { values: undefined, formError: req.t('consultations.scores.noCriteria') });
    const posted = postedForm(req).lock_version;
    const parsed = parseScores(postedForm(req), criteria, req.t);
    if (Object.keys(parsed.errors).length) return again(422, { errors: parsed.errors, lockVersion: posted });
    try {
      const total = await write(req, (w) => scoreBid(w, acc.id, bid, postedLockVersion(posted), parsed.points));
      // Someone scored this proposal in between: these scores are kept, against the current
      // version, so that saving again is a deliberate overwrite rather than a silent one.
      if (total === null) {
        const current = (await findBid(db, acc.id, bid.id)) ?? bid;
        return again(409, { bid: current, formError: req.t('consultations.scores.conflict') });
      }
      const shown = { name: bid.provider_name, total: formatNumber(req.locale, total), max: gridTotal(criteria) };
      flash(req, 'success', req.t('consultations.scores.saved', shown));
      res.redirect(back(acc));
    } catch (err) {
      if (err instanceof ConsultationRefused && err.reasonKey === 'consultations.scores.noProposal') {
        return again(422, { formError: req.t(err.reasonKey) });
      }
      refused(req, res, acc, err);
    }
  });
}
