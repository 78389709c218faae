/** Consultation routes for the terms of reference and the scoring grid. */
import type { Express, Request, Response } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, parseForm, postedLockVersion, formErrorOf } from '../platform/forms';
import { flash } from '../platform/views';
import { GridBelowScores, saveTerms } from './commands';
import { defaultCriteria, findConsultation, listCriteria, lockReason } from './queries';
import { Acc, back, loadForEdit, plain, refused } from './route-helpers';
import { parseCriteria, PostedCriterion, termsSchema } from './schemas';

/** Editing the call's terms (objectives, budget, dates) and its scoring grid. */
export function registerConsultationTermsRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // Terms of reference and scoring grid.
  const renderTerms = async (
    req: Request,
    res: Response,
    acc: Acc,
    status: number,
    locals: { values: Record<string, unknown>; rows: PostedCriterion[]; errors: FieldErrors; prefilled?: boolean; defaultGrid?: boolean; formError?: string },
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
      formError: formErrorOf(req.t, locals.errors, locals.formError),
    });
  };

  app.get('/accompaniments/:id/consultation/edit', requireLogin, async (req, res) => {
    const acc = await loadForEdit(deps, req);
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
    const values = { ...source, days: plain(source.days), budget_eur: plain(source.budget_eur), lock_version: consultation?.lock_version ?? 0 };
    const rows = criteria.length ? criteria.map((c) => ({ id: c.id, label: c.label, max: String(c.max_points) })) : defaultCriteria(req.t);
    await renderTerms(req, res, acc, 200, { values, rows, errors: {}, prefilled: !consultation, defaultGrid: !criteria.length });
  });

  app.post('/accompaniments/:id/consultation/edit', requireLogin, async (req, res) => {
    const acc = await loadForEdit(deps, req);
    const form = parseForm(termsSchema, req.body, req.t);
    const grid = parseCriteria(req.body ?? {}, req.t);
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...grid.errors };
    if (!form.ok || Object.keys(errors).length) return renderTerms(req, res, acc, 422, { values: req.body, rows: grid.posted, errors });
    try {
      const done = await write(req, async (w) => {
        const saved = await saveTerms(w.trx, acc.id, postedLockVersion(req.body?.lock_version), form.data, grid.rows);
        if (!saved) {
          await w.audit({ action: 'consultation.terms_update_conflict', entityType: 'accompaniment', entityId: acc.id });
          return false;
        }
        await w.audit({
          action: 'consultation.terms_update',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { ...form.data, criteria: grid.rows.map((r) => ({ label: r.label, max_points: r.max_points })), criteria_removed: saved.removed },
        });
        return true;
      });
      // Someone saved the terms in between: this input is kept, against the current version, so
      // that saving again is a deliberate overwrite rather than a silent one.
      if (!done) {
        const current = await findConsultation(db, acc.id);
        const values = { ...req.body, lock_version: current?.lock_version ?? 0 };
        return renderTerms(req, res, acc, 409, { values, rows: grid.posted, errors: {}, formError: req.t('consultations.terms.conflict') });
      }
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
}
