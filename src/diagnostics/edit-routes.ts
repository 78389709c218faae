/** Diagnostic routes for editing the texts and objectives (a content change withdraws the validations). */
import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { closedReason, diagnosticPolicy, isOpen } from './policy';
import { saveDiagnosticContent } from './commands';
import { DiagnosticClosed, diagnosticLockVersion, loadDiagnostic, objectiveThemes, validationBoard } from './queries';
import { Acc, back, EMPTY_ROWS } from './route-helpers';
import {
  diagnosticSchema,
  Objective,
  parseObjectives,
  postedDiagnosticValues,
  storedDiagnosticValues,
} from './schemas';

/** The diagnostic's texts and objectives by theme, while the case is at intake or diagnostic. */
export function registerDiagnosticEditRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // ---- texts and objectives -------------------------------------------------------------

  const renderEdit = async (
    req: Request,
    res: Response,
    status: number,
    acc: Acc,
    locals: {
      values: Record<string, unknown>;
      rows: Objective[];
      errors: FieldErrors;
      formError?: string | null;
      prefilled?: boolean;
    },
  ) => {
    // The validations a content change would withdraw: those of the structures still in the case.
    const validations = (await validationBoard(db, acc.id)).filter((b) => b.validated_on && b.status === 'active');
    res.status(status).render('diagnostics/edit', {
      title: req.t('diagnostics.edit.title'),
      acc,
      validations,
      themes: (await objectiveThemes(db, acc.themes, req.locale)).offered,
      ...locals,
      rows: [...locals.rows, ...Array.from({ length: EMPTY_ROWS }, () => ({ theme: '', aim: '' }))],
      formError: formErrorOf(req.t, locals.errors, locals.formError),
    });
  };

  app.get('/accompaniments/:id/diagnostic/edit', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.edit(currentUser(req), acc));
    if (!isOpen(acc)) {
      flash(req, 'error', req.t(closedReason(acc)));
      return res.redirect(back(acc));
    }
    const { diagnostic, objectives } = await loadDiagnostic(db, acc.id);
    // No objective yet: one row per theme of the case, its aim to write (nothing typed twice).
    const ofCase = objectives.length ? [] : (await objectiveThemes(db, acc.themes, req.locale)).ofCase;
    const rows = objectives.length ? objectives : ofCase.map((theme) => ({ theme, aim: '' }));
    const values = storedDiagnosticValues(diagnostic);
    await renderEdit(req, res, 200, acc, { values, rows, errors: {}, prefilled: ofCase.length > 0 });
  });

  app.post('/accompaniments/:id/diagnostic/edit', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.edit(currentUser(req), acc));
    const form = parseForm(diagnosticSchema, req.body, req.t);
    const objectives = parseObjectives(postedForm(req), req.t);
    const values = postedDiagnosticValues(postedForm(req));
    const again = (status: number, more: { values?: typeof values; errors?: FieldErrors; formError?: string }) =>
      renderEdit(req, res, status, acc, { values, rows: objectives.rows, errors: {}, ...more });
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...objectives.errors };
    if (!isOpen(acc)) return again(422, { formError: req.t(closedReason(acc)) });
    if (!form.ok || Object.keys(errors).length) return again(422, { errors });
    const lockVersion = postedLockVersion(postedForm(req).lock_version);
    try {
      const withdrawn = await write(req, (w) =>
        saveDiagnosticContent(w, acc.id, lockVersion, form.data, objectives.rows),
      );
      // Someone saved in between: this input is kept, against the current version, so that saving
      // again is a deliberate overwrite rather than a silent one.
      if (!withdrawn) {
        const current = { ...values, lock_version: String(await diagnosticLockVersion(db, acc.id)) };
        return again(409, { values: current, formError: req.t('diagnostics.conflict') });
      }
      flash(req, 'success', req.t('diagnostics.saved'));
      if (withdrawn.length) flash(req, 'info', req.t('diagnostics.validationsWithdrawn', { count: withdrawn.length }));
      res.redirect(back(acc));
    } catch (err) {
      if (!(err instanceof DiagnosticClosed)) throw err;
      await again(422, { formError: req.t(err.reasonKey) });
    }
  });
}
