/** Diagnostic routes for the structures' validations: recording one, deleting one. */
import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, parseForm, formErrorOf } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { closedReason, diagnosticPolicy, isOpen } from './policy';
import { DiagnosticClosed, hasContent, loadDiagnostic, lockOpenDiagnostic, pendingFor, validationBoard } from './queries';
import { Acc, back, str } from './route-helpers';
import { validationSchema } from './schemas';
import { recordValidation } from './commands';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';

/** A structure's validation of the diagnostic (by itself or recorded by the staff), and its deletion. */
export function registerDiagnosticValidationRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // ---- validations by the structures ----------------------------------------------------

  const renderValidation = async (req: Request, res: Response, status: number, acc: Acc, locals: { values: Record<string, unknown>; errors: FieldErrors; formError?: string | null }) => {
    const user = currentUser(req);
    const staff = diagnosticPolicy.edit(user, acc);
    res.status(status).render('diagnostics/validation', {
      title: req.t('diagnostics.validation.title'),
      acc,
      choices: pendingFor(await validationBoard(db, acc.id), user, staff),
      isStaff: staff,
      ...locals,
      formError: formErrorOf(req.t, locals.errors, locals.formError),
    });
  };

  app.get('/accompaniments/:id/diagnostic/validations/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(diagnosticPolicy.validate(user, acc));
    if (!isOpen(acc)) {
      flash(req, 'error', req.t(closedReason(acc)));
      return res.redirect(back(acc));
    }
    const staff = diagnosticPolicy.edit(user, acc);
    const pending = pendingFor(await validationBoard(db, acc.id), user, staff);
    const wanted = str(req.query.organisation_id);
    await renderValidation(req, res, 200, acc, {
      values: {
        organisation_id: pending.some((p) => p.value === wanted) ? wanted : pending.length === 1 ? pending[0].value : '',
        validated_on: localToday(),
        validated_by_name: staff ? '' : user.name,
      },
      errors: {},
    });
  });

  app.post('/accompaniments/:id/diagnostic/validations', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(diagnosticPolicy.validate(user, acc));
    const staff = diagnosticPolicy.edit(user, acc);
    const body = { ...req.body };
    if (!staff) {
      // A structure validates for itself: its own organisation, and by default its user's name.
      body.organisation_id = str(body.organisation_id) || String(user.organisation_id);
      if (!str(body.validated_by_name).trim()) body.validated_by_name = user.name;
    }
    authorize(diagnosticPolicy.validateFor(user, acc, str(body.organisation_id)));
    const values = { organisation_id: str(body.organisation_id), validated_on: str(body.validated_on), validated_by_name: str(body.validated_by_name) };
    if (!isOpen(acc)) return renderValidation(req, res, 422, acc, { values, errors: {}, formError: req.t(closedReason(acc)) });
    const form = parseForm(validationSchema, body, req.t);
    if (!form.ok) return renderValidation(req, res, 422, acc, { values, errors: form.errors });
    const board = await validationBoard(db, acc.id);
    const target = board.find((b) => String(b.organisation_id) === form.data.organisation_id);
    if (!target || target.status !== 'active') {
      return renderValidation(req, res, 422, acc, { values, errors: { organisation_id: req.t('diagnostics.validation.notActive') } });
    }
    if (target.validated_on) {
      return renderValidation(req, res, 422, acc, { values, errors: { organisation_id: req.t('diagnostics.validation.already', { name: target.name }) } });
    }
    if (!hasContent(await loadDiagnostic(db, acc.id))) {
      return renderValidation(req, res, 422, acc, { values, errors: {}, formError: req.t('diagnostics.validation.nothingToValidate') });
    }
    try {
      const recorded = await write(req, async (w) => {
        const written = await recordValidation(w.trx, acc.id, form.data, user.id);
        await w.audit({
          action: written ? 'diagnostic.validate' : 'diagnostic.validate_duplicate',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { ...form.data, by_the_structure: !staff },
        });
        return written;
      });
      flash(req, recorded ? 'success' : 'info', req.t(recorded ? 'diagnostics.validation.recorded' : 'diagnostics.validation.already', { name: target.name }));
      res.redirect(back(acc));
    } catch (err) {
      if (err instanceof DateRefused) return renderValidation(req, res, 422, acc, { values, errors: dateRefusalError(req, err) });
      if (!(err instanceof DiagnosticClosed)) throw err;
      await renderValidation(req, res, 422, acc, { values, errors: {}, formError: req.t(err.reasonKey) });
    }
  });

  app.post('/accompaniments/:id/diagnostic/validations/:orgId/delete', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.deleteValidation(currentUser(req), acc));
    if (!isId(req.params.orgId)) throw notFound();
    const orgId = req.params.orgId;
    const row = (await validationBoard(db, acc.id)).find((b) => String(b.organisation_id) === orgId && b.validated_on);
    if (!row) throw notFound();
    try {
      await write(req, async (w) => {
        await lockOpenDiagnostic(w.trx, acc.id);
        const removed = await w
          .trx('diagnostic_validations')
          .where({ accompaniment_id: acc.id, organisation_id: orgId })
          .del()
          .returning(['organisation_id', 'validated_on', 'validated_by_name']);
        if (!removed.length) throw notFound();
        await w.audit({ action: 'diagnostic.validation_delete', entityType: 'accompaniment', entityId: acc.id, details: removed[0] });
      });
      flash(req, 'success', req.t('diagnostics.validation.deleted', { name: row.name }));
    } catch (err) {
      if (!(err instanceof DiagnosticClosed)) throw err;
      flash(req, 'error', req.t(err.reasonKey));
    }
    res.redirect(back(acc));
  });
}
