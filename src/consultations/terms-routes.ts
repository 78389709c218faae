/** Consultation routes for the terms of reference and the scoring grid. */
import type { Express, Request, Response } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { flash } from '../platform/views';
import { GridBelowScores, updateTerms } from './commands';
import { defaultCriteria, findConsultation, listCriteria, lockReason } from './queries';
import { Acc, back, loadForEdit, plain, refused } from './route-helpers';
import { belowScoresErrors, parseCriteria, PostedCriterion, termsSchema } from './schemas';

/** The terms form as saved, or prefilled from the case while the call has none (numbers as a person types them). */
function termsValues(consultation: Awaited<ReturnType<typeof findConsultation>>, acc: Acc) {
  const source = consultation ?? {
    objectives: acc.objectives,
    days: acc.budget_days,
    budget_eur: acc.budget_eur,
    deadline: null,
    launched_on: null,
  };
  const lock_version = consultation?.lock_version ?? 0;
  return { ...source, days: plain(source.days), budget_eur: plain(source.budget_eur), lock_version };
}

/** A saved criterion as a row of the grid form. */
const criterionRow = (c: { id: string; label: string; max_points: number }) => ({
  id: c.id,
  label: c.label,
  max: String(c.max_points),
});

/** Editing the call's terms (objectives, budget, dates) and its scoring grid. */
export function registerConsultationTermsRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // Terms of reference and scoring grid.
  const renderTerms = (
    req: Request,
    res: Response,
    acc: Acc,
    status: number,
    locals: {
      values: Record<string, unknown>;
      rows: PostedCriterion[];
      errors: FieldErrors;
      prefilled?: boolean;
      defaultGrid?: boolean;
      formError?: string;
    },
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
      db('consultation_bids')
        .where({ accompaniment_id: acc.id, status: 'selected' })
        .first<{ id: string } | undefined>('id'),
    ]);
    const locked = lockReason(acc.state, Boolean(selected));
    if (locked) {
      flash(req, 'error', req.t(locked));
      return res.redirect(back(acc));
    }
    const values = termsValues(consultation, acc);
    const rows = criteria.length ? criteria.map(criterionRow) : defaultCriteria(req.t);
    const grid = { prefilled: !consultation, defaultGrid: !criteria.length };
    renderTerms(req, res, acc, 200, { values, rows, errors: {}, ...grid });
  });

  app.post('/accompaniments/:id/consultation/edit', requireLogin, async (req, res) => {
    const acc = await loadForEdit(deps, req);
    const form = parseForm(termsSchema, req.body, req.t);
    const grid = parseCriteria(postedForm(req), req.t);
    const again = (
      status: number,
      more: { values?: Record<string, unknown>; errors?: FieldErrors; formError?: string },
    ) => renderTerms(req, res, acc, status, { values: postedForm(req), rows: grid.posted, errors: {}, ...more });
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...grid.errors };
    if (!form.ok || Object.keys(errors).length) return again(422, { errors });
    const lockVersion = postedLockVersion(postedForm(req).lock_version);
    try {
      // Someone saved the terms in between: this input is kept, against the current version, so
      // that saving again is a deliberate overwrite rather than a silent one.
      if (!(await write(req, (w) => updateTerms(w, acc.id, lockVersion, form.data, grid.rows)))) {
        const current = await findConsultation(db, acc.id);
        const values = { ...postedForm(req), lock_version: current?.lock_version ?? 0 };
        return again(409, { values, formError: req.t('consultations.terms.conflict') });
      }
    } catch (err) {
      if (err instanceof GridBelowScores)
        return again(422, { errors: belowScoresErrors(grid.posted, err.highest, req.t) });
      return refused(req, res, acc, err);
    }
    flash(req, 'success', req.t('consultations.terms.saved'));
    res.redirect(back(acc));
  });
}
