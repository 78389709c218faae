/** Diagnostic routes for the structures' validations: recording one, deleting one. */
import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { closedReason, diagnosticPolicy, isOpen } from './policy';
import { DiagnosticClosed, pendingFor, validationBoard } from './queries';
import { Acc, back, str } from './route-helpers';
import { postedValidation, validationSchema } from './schemas';
import { deleteValidation, validateDiagnostic, ValidationRefused } from './commands';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';

/** A structure's validation of the diagnostic (by itself or recorded by the staff), and its deletion. */
export function registerDiagnosticValidationRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // ---- validations by the structures ----------------------------------------------------

  const renderValidation = async (
    req: Request,
    res: Response,
    status: number,
    acc: Acc,
    locals: { values: Record<string, unknown>; errors: FieldErrors; formError?: string | null },
  ) => {
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
        organisation_id: pending.some((p) => p.value === wanted)
          ? wanted
          : pending.length === 1
            ? pending[0].value
            : '',
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
    const { posted, values } = postedValidation(postedForm(req), user, staff);
    authorize(diagnosticPolicy.validateFor(user, acc, values.organisation_id));
    const again = (errors: FieldErrors, formError?: string) =>
      renderValidation(req, res, 422, acc, { values, errors, formError });
    if (!isOpen(acc)) return again({}, req.t(closedReason(acc)));
    const form = parseForm(validationSchema, posted, req.t);
    if (!form.ok) return again(form.errors);
    try {
      const done = await write(req, (w) => validateDiagnostic(w, acc.id, form.data, { id: user.id, staff }));
      const key = done.written ? 'diagnostics.validation.recorded' : 'diagnostics.validation.already';
      flash(req, done.written ? 'success' : 'info', req.t(key, { name: done.name }));
      res.redirect(back(acc));
    } catch (err) {
      if (err instanceof ValidationRefused) {
        const message = req.t(err.key, err.params);
        return err.field ? again({ [err.field]: message }) : again({}, message);
      }
      if (err instanceof DateRefused) return again(dateRefusalError(req, err));
      if (!(err instanceof DiagnosticClosed)) throw err;
      await again({}, req.t(err.reasonKey));
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
        if (!(await deleteValidation(w, acc.id, orgId))) throw notFound();
      });
      flash(req, 'success', req.t('diagnostics.validation.deleted', { name: row.name }));
    } catch (err) {
      if (!(err instanceof DiagnosticClosed)) throw err;
      flash(req, 'error', req.t(err.reasonKey));
    }
    res.redirect(back(acc));
  });
}
