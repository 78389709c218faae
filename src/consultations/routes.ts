import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/routes';
import { isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, parseForm } from '../platform/forms';
import { formatNumber } from '../platform/i18n';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import {
  applySelectedBudget,
  ConsultationRefused,
  GridBelowScores,
  inviteProvider,
  NotAProvider,
  recordDecline,
  recordProposal,
  saveScores,
  saveTerms,
  selectBid,
  unselectBid,
} from './commands';
import { consultationPolicy } from './policy';
import { defaultCriteria, findBid, findConsultation, gridTotal, listCriteria, loadWorkspace, lockReason, scoresOf } from './queries';
import { declineSchema, inviteSchema, outcomeSchema, parseCriteria, parseScores, PostedCriterion, proposalSchema, selectSchema, termsSchema, unselectSchema } from './schemas';

type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;

const today = () => new Date().toISOString().slice(0, 10);
const back = (acc: { id: string }) => `/accompaniments/${acc.id}#consultation`;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** A numeric column ('6.00') as a person would type it ('6'). */
const plain = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '' : String(Number(v)));

/**
 * The restricted call for competences of an accompaniment. Only the operator's staff change it;
 * admins may read it; nobody else ever reaches these pages (providers must not see competitors).
 */
export function registerConsultations(app: Express, deps: Deps) {
  const { db, write } = deps;

  /** The case, loaded through the user's scope (404 outside it), and the user allowed to edit. */
  const loadForEdit = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(consultationPolicy.edit(req.user!, acc));
    return acc;
  };

  const loadBidForEdit = async (req: Request) => {
    const acc = await loadForEdit(req);
    if (!isId(req.params.bidId)) throw notFound();
    const bid = await findBid(db, acc.id, req.params.bidId);
    if (!bid) throw notFound();
    return { acc, bid };
  };

  /** A refusal because of where the call stands: said on the case page, nothing changed. */
  const refused = (req: Request, res: Response, acc: Acc, err: unknown) => {
    if (!(err instanceof ConsultationRefused)) throw err;
    flash(req, 'error', req.t(err.reasonKey));
    res.redirect(back(acc));
  };

  /** The operator's full view of the call, with the forms; the 422 pages of the inline forms. */
  const renderWorkspace = async (req: Request, res: Response, acc: Acc, status = 200, extra: { errors?: FieldErrors; values?: Record<string, unknown>; formError?: string } = {}) => {
    const ws = await loadWorkspace(db, acc, consultationPolicy.edit(req.user!, acc));
    res.status(status).render('consultations/show', {
      title: req.t('consultations.pageTitle', { title: acc.title }),
      acc,
      ws,
      today: today(),
      errors: extra.errors ?? {},
      values: extra.values ?? {},
      formError: extra.formError ?? null,
    });
  };

  app.get('/accompaniments/:id/consultation', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(consultationPolicy.seeDetails(req.user!, acc));
    await renderWorkspace(req, res, acc);
  });

  // Terms of reference and scoring grid.
  const renderTerms = async (
    req: Request,
    res: Response,
    acc: Acc,
    status: number,
    locals: { values: Record<string, unknown>; rows: PostedCriterion[]; errors: FieldErrors; prefilled?: boolean; defaultGrid?: boolean },
  ) => {
    const rows = [...locals.rows];
    // Two blank rows to add criteria without any script.
    while (rows.length < locals.rows.length + 2 && rows.length < 30) rows.push({ id: '', label: '', max: '' });
    res.status(status).render('consultations/edit', {
      title: req.t('consultations.terms.editTitle'),
      acc,
      values: locals.values,
      rows,
      errors: locals.errors,
      prefilled: Boolean(locals.prefilled),
      defaultGrid: Boolean(locals.defaultGrid),
      formError: Object.keys(locals.errors).length ? req.t('form.hasErrors') : null,
    });
  };

  app.get('/accompaniments/:id/consultation/edit', requireLogin, async (req, res) => {
    const acc = await loadForEdit(req);
    const [consultation, criteria, selected] = await Promise.all([
      findConsultation(db, acc.id),
      listCriteria(db, acc.id),
      db('consultation_bids').where({ accompaniment_id: acc.id, status: 'selected' }).first('id'),
    ]);
    const locked = lockReason(acc.state, Boolean(selected));
    if (locked) {
      flash(req, 'error', req.t(locked));
      return res.redirect(back(acc));
    }
    const source = consultation ?? { objectives: acc.objectives, days: acc.budget_days, budget_eur: acc.budget_eur, deadline: null, launched_on: null };
    const values = { ...source, days: plain(source.days), budget_eur: plain(source.budget_eur) };
    const rows = criteria.length ? criteria.map((c) => ({ id: c.id, label: c.label, max: String(c.max_points) })) : defaultCriteria(req.t);
    await renderTerms(req, res, acc, 200, { values, rows, errors: {}, prefilled: !consultation, defaultGrid: !criteria.length });
  });

  app.post('/accompaniments/:id/consultation/edit', requireLogin, async (req, res) => {
    const acc = await loadForEdit(req);
    const form = parseForm(termsSchema, req.body, req.t);
    const grid = parseCriteria(req.body ?? {}, req.t);
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...grid.errors };
    if (!form.ok || Object.keys(errors).length) return renderTerms(req, res, acc, 422, { values: req.body, rows: grid.posted, errors });
    try {
      await write(req, async (w) => {
        const saved = await saveTerms(w.trx, acc.id, form.data, grid.rows);
        await w.audit({
          action: 'consultation.terms_update',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { ...form.data, criteria: grid.rows.map((r) => ({ label: r.label, max_points: r.max_points })), criteria_removed: saved.removed },
        });
      });
    } catch (err) {
      if (err instanceof GridBelowScores) {
        const rowErrors: FieldErrors = {};
        grid.posted.forEach((p, i) => {
          if (err.highest[p.id] !== undefined) rowErrors[`criterion_max-${i}`] = req.t('consultations.criteria.belowScores', { score: err.highest[p.id] });
        });
        return renderTerms(req, res, acc, 422, { values: req.body, rows: grid.posted, errors: rowErrors });
      }
      return refused(req, res, acc, err);
    }
    flash(req, 'success', req.t('consultations.terms.saved'));
    res.redirect(back(acc));
  });

  // Invitations.
  app.post('/accompaniments/:id/consultation/bids', requireLogin, async (req, res) => {
    const acc = await loadForEdit(req);
    const form = parseForm(inviteSchema, req.body, req.t);
    const values = { bid_provider_id: str(req.body?.bid_provider_id), bid_invited_on: str(req.body?.bid_invited_on) };
    if (!form.ok) return renderWorkspace(req, res, acc, 422, { errors: form.errors, values });
    try {
      const result = await write(req, async (w) => {
        const r = await inviteProvider(w.trx, acc.id, form.data.bid_provider_id, form.data.bid_invited_on);
        await w.audit({
          action: r.added ? 'consultation.invite' : 'consultation.invite_duplicate',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { provider_id: form.data.bid_provider_id, provider: r.name, invited_on: form.data.bid_invited_on },
        });
        return r;
      });
      flash(req, result.added ? 'success' : 'info', result.added ? req.t('consultations.invite.done', { name: result.name }) : req.t('consultations.invite.duplicate'));
      res.redirect(back(acc));
    } catch (err) {
      if (err instanceof NotAProvider) return renderWorkspace(req, res, acc, 422, { errors: { bid_provider_id: req.t('consultations.invite.notProvider') }, values });
      refused(req, res, acc, err);
    }
  });

  // A provider's answer: its proposal, or its refusal.
  const renderBid = (req: Request, res: Response, status: number, locals: { acc: Acc; bid: NonNullable<Awaited<ReturnType<typeof findBid>>>; values: Record<string, unknown>; errors: FieldErrors }) =>
    res.status(status).render('consultations/bid', {
      title: req.t('consultations.proposal.title', { name: locals.bid.provider_name }),
      ...locals,
      formError: Object.keys(locals.errors).length ? req.t('form.hasErrors') : null,
    });

  app.get('/accompaniments/:id/consultation/bids/:bidId', requireLogin, async (req, res) => {
    const { acc, bid } = await loadBidForEdit(req);
    const selected = await db('consultation_bids').where({ accompaniment_id: acc.id, status: 'selected' }).first('id');
    const locked = lockReason(acc.state, Boolean(selected));
    if (locked) {
      flash(req, 'error', req.t(locked));
      return res.redirect(back(acc));
    }
    const values = {
      outcome: bid.status === 'declined' ? 'declined' : 'proposed',
      received_on: bid.received_on ?? today(),
      proposal_days: plain(bid.proposal_days),
      proposal_price_eur: plain(bid.proposal_price_eur),
      method: bid.method ?? '',
    };
    renderBid(req, res, 200, { acc, bid, values, errors: {} });
  });

  app.post('/accompaniments/:id/consultation/bids/:bidId', requireLogin, async (req, res) => {
    const { acc, bid } = await loadBidForEdit(req);
    const outcome = parseForm(outcomeSchema, req.body, req.t);
    if (!outcome.ok) return renderBid(req, res, 422, { acc, bid, values: req.body, errors: outcome.errors });
    try {
      if (outcome.data.outcome === 'declined') {
        const form = parseForm(declineSchema, req.body, req.t);
        if (!form.ok) return renderBid(req, res, 422, { acc, bid, values: req.body, errors: form.errors });
        await write(req, async (w) => {
          await recordDecline(w.trx, acc.id, bid.id, form.data.received_on);
          await w.audit({ action: 'consultation.decline', entityType: 'accompaniment', entityId: acc.id, details: { bid_id: bid.id, provider: bid.provider_name, ...form.data } });
        });
        flash(req, 'success', req.t('consultations.proposal.declinedSaved', { name: bid.provider_name }));
      } else {
        const form = parseForm(proposalSchema, req.body, req.t);
        if (!form.ok) return renderBid(req, res, 422, { acc, bid, values: req.body, errors: form.errors });
        await write(req, async (w) => {
          await recordProposal(w.trx, acc.id, bid.id, form.data);
          await w.audit({ action: 'consultation.proposal', entityType: 'accompaniment', entityId: acc.id, details: { bid_id: bid.id, provider: bid.provider_name, ...form.data } });
        });
        flash(req, 'success', req.t('consultations.proposal.saved', { name: bid.provider_name }));
      }
      res.redirect(back(acc));
    } catch (err) {
      refused(req, res, acc, err);
    }
  });

  // Scoring a proposal against the grid.
  const renderScores = async (req: Request, res: Response, status: number, locals: { acc: Acc; bid: NonNullable<Awaited<ReturnType<typeof findBid>>>; values?: Record<string, string>; errors: FieldErrors; formError?: string | null }) => {
    const criteria = await listCriteria(db, locals.acc.id);
    const saved = await scoresOf(db, locals.bid.id);
    const selected = await db('consultation_bids').where({ accompaniment_id: locals.acc.id, status: 'selected' }).first('id');
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
      savedTotal: Object.keys(saved).length ? savedTotal : null,
      errors: locals.errors,
      canScore,
      notice: locked ? req.t(locked) : !criteria.length ? req.t('consultations.scores.noCriteria') : locals.bid.status !== 'proposed' ? req.t('consultations.scores.noProposal') : null,
      formError: locals.formError ?? (Object.keys(locals.errors).length ? req.t('form.hasErrors') : null),
    });
  };

  app.get('/accompaniments/:id/consultation/bids/:bidId/scores', requireLogin, async (req, res) => {
    const { acc, bid } = await loadBidForEdit(req);
    await renderScores(req, res, 200, { acc, bid, errors: {} });
  });

  app.post('/accompaniments/:id/consultation/bids/:bidId/scores', requireLogin, async (req, res) => {
    const { acc, bid } = await loadBidForEdit(req);
    const criteria = await listCriteria(db, acc.id);
    if (!criteria.length) return renderScores(req, res, 422, { acc, bid, errors: {}, formError: req.t('consultations.scores.noCriteria') });
    const values = Object.fromEntries(criteria.map((c) => [c.id, str(req.body?.[`score_${c.id}`])]));
    const parsed = parseScores(req.body ?? {}, criteria, req.t);
    if (Object.keys(parsed.errors).length) return renderScores(req, res, 422, { acc, bid, values, errors: parsed.errors });
    try {
      const total = await write(req, async (w) => {
        const sum = await saveScores(w.trx, acc.id, bid.id, parsed.points);
        await w.audit({ action: 'consultation.scores', entityType: 'accompaniment', entityId: acc.id, details: { bid_id: bid.id, provider: bid.provider_name, points: parsed.points, total: sum } });
        return sum;
      });
      flash(req, 'success', req.t('consultations.scores.saved', { name: bid.provider_name, total: formatNumber(req.locale, total), max: gridTotal(criteria) }));
      res.redirect(back(acc));
    } catch (err) {
      if (err instanceof ConsultationRefused && err.reasonKey === 'consultations.scores.noProposal') {
        return renderScores(req, res, 422, { acc, bid, values, errors: {}, formError: req.t(err.reasonKey) });
      }
      refused(req, res, acc, err);
    }
  });

  // The selection, its record, and the notices to every bidder.
  app.post('/accompaniments/:id/consultation/select', requireLogin, async (req, res) => {
    const acc = await loadForEdit(req);
    const form = parseForm(selectSchema, req.body, req.t);
    const values = { selected_bid_id: str(req.body?.selected_bid_id), selected_on: str(req.body?.selected_on), selection_rationale: str(req.body?.selection_rationale) };
    if (!form.ok) return renderWorkspace(req, res, acc, 422, { errors: form.errors, values, formError: req.t('form.hasErrors') });
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
        return renderWorkspace(req, res, acc, 422, { errors: { selected_bid_id: req.t(err.reasonKey) }, values, formError: req.t('form.hasErrors') });
      }
      refused(req, res, acc, err);
    }
  });

  app.post('/accompaniments/:id/consultation/unselect', requireLogin, async (req, res) => {
    const acc = await loadForEdit(req);
    const form = parseForm(unselectSchema, req.body, req.t);
    const values = { unselect_reason: str(req.body?.unselect_reason) };
    if (!form.ok) return renderWorkspace(req, res, acc, 422, { errors: form.errors, values, formError: req.t('form.hasErrors') });
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
    const acc = await loadForEdit(req);
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
