/** Diagnostic routes for editing the texts and objectives (a content change withdraws the validations). */
import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, parseForm, postedLockVersion, formErrorOf } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { closedReason, diagnosticPolicy, isOpen } from './policy';
import { contentChanged, DiagnosticClosed, diagnosticLockVersion, loadDiagnostic, lockOpenDiagnostic, saveDiagnostic, validationBoard } from './queries';
import { Acc, back, EMPTY_ROWS, str } from './route-helpers';
import { diagnosticSchema, Objective, parseObjectives } from './schemas';

/** The diagnostic's texts and objectives by theme, while the case is at intake or diagnostic. */
export function registerDiagnosticEditRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // ---- texts and objectives -------------------------------------------------------------

  const renderEdit = async (
    req: Request,
    res: Response,
    status: number,
    acc: Acc,
    locals: { values: Record<string, unknown>; rows: Objective[]; errors: FieldErrors; formError?: string | null },
  ) => {
    // The validations a content change would withdraw: those of the structures still in the case.
    const validations = (await validationBoard(db, acc.id)).filter((b) => b.validated_on && b.status === 'active');
    res.status(status).render('diagnostics/edit', {
      title: req.t('diagnostics.edit.title'),
      acc,
      validations,
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
    await renderEdit(req, res, 200, acc, {
      values: {
        findings: diagnostic?.findings ?? '',
        context: diagnostic?.context ?? '',
        recommendations: diagnostic?.recommendations ?? '',
        days: diagnostic?.days == null ? '' : String(Number(diagnostic.days)),
        written_on: diagnostic?.written_on ?? '',
        lock_version: diagnostic?.lock_version ?? 0,
      },
      rows: objectives,
      errors: {},
    });
  });

  app.post('/accompaniments/:id/diagnostic/edit', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.edit(currentUser(req), acc));
    const form = parseForm(diagnosticSchema, req.body, req.t);
    const objectives = parseObjectives(req.body, req.t);
    const values = {
      findings: str(req.body.findings),
      context: str(req.body.context),
      recommendations: str(req.body.recommendations),
      days: str(req.body.days),
      written_on: str(req.body.written_on),
      lock_version: str(req.body.lock_version),
    };
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...objectives.errors };
    if (!isOpen(acc)) return renderEdit(req, res, 422, acc, { values, rows: objectives.rows, errors: {}, formError: req.t(closedReason(acc)) });
    if (!form.ok || Object.keys(errors).length) return renderEdit(req, res, 422, acc, { values, rows: objectives.rows, errors });
    const lockVersion = postedLockVersion(req.body.lock_version);
    try {
      const withdrawn = await write(req, async (w) => {
        await lockOpenDiagnostic(w.trx, acc.id);
        const before = await loadDiagnostic(w.trx, acc.id);
        const changed = contentChanged(before, form.data, objectives.rows);
        if (!(await saveDiagnostic(w.trx, acc.id, lockVersion, form.data, objectives.rows))) {
          await w.audit({ action: 'diagnostic.update_conflict', entityType: 'accompaniment', entityId: acc.id });
          return null;
        }
        await w.audit({
          action: 'diagnostic.update',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { content_changed: changed, days: form.data.days, written_on: form.data.written_on, objectives: objectives.rows.map((o) => o.theme) },
        });
        if (!changed) return [];
        // A structure that withdrew keeps the validation it gave while in the case (history never disappears).
        const removed = await w
          .trx('diagnostic_validations')
          .where({ accompaniment_id: acc.id })
          .whereNotIn('organisation_id', w.trx('accompaniment_beneficiaries').where({ accompaniment_id: acc.id, status: 'withdrawn' }).select('organisation_id'))
          .del()
          .returning(['organisation_id', 'validated_on', 'validated_by_name']);
        if (removed.length) {
          await w.audit({ action: 'diagnostic.validations_withdrawn', entityType: 'accompaniment', entityId: acc.id, details: { reason: 'content_changed', validations: removed } });
        }
        return removed;
      });
      // Someone saved in between: this input is kept, against the current version, so that saving
      // again is a deliberate overwrite rather than a silent one.
      if (!withdrawn) {
        const current = { ...values, lock_version: String(await diagnosticLockVersion(db, acc.id)) };
        return renderEdit(req, res, 409, acc, { values: current, rows: objectives.rows, errors: {}, formError: req.t('diagnostics.conflict') });
      }
      flash(req, 'success', req.t('diagnostics.saved'));
      if (withdrawn.length) flash(req, 'info', req.t('diagnostics.validationsWithdrawn', { count: withdrawn.length }));
      res.redirect(back(acc));
    } catch (err) {
      if (!(err instanceof DiagnosticClosed)) throw err;
      await renderEdit(req, res, 422, acc, { values, rows: objectives.rows, errors: {}, formError: req.t(err.reasonKey) });
    }
  });
}
