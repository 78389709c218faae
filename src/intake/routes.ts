import type { Express, Request, Response } from 'express';
import { operatorSettings } from '../operator-settings/settings';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { dateRefusalError, DateRefused, localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedText } from '../platform/forms';
import { filterQuery, pageNumber } from '../platform/pagination';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { LEGAL_FORMS } from '../structures/schemas';
import { createIntakeRequest, IntakeFieldRefused, recordOutcome, reopenIntakeRequest } from './commands';
import { INTAKE_OUTCOMES, INTAKE_STATUSES, IntakeTransitionRefused } from './lifecycle';
import { intakePolicy } from './policy';
import {
  findIntakeRequest,
  intakeHistory,
  intakeStructureChoices,
  operatorDepartment,
  ownerChoices,
  partnerSuggestions,
  pathwayOfRequest,
  type IntakeRequest,
} from './queries';
import { intakeListPage } from './list-queries';
import { CHANNELS, intakeSchema, listFiltersSchema, outcomeSchema, reopenSchema } from './schemas';
import { intakeFormValues, outcomeFormValues, postedIntake, reopenFormValues } from './form-values';

type FormValues = Record<string, unknown>;
type Forms = { outcome?: FormState; reopen?: FormState };
type FormState = { values: Record<string, unknown>; errors: FieldErrors; formError?: string | null };

/** The intake register: every request an operator receives, and what came of it. */
export function registerIntake(app: Express, deps: Deps) {
  const { db, write } = deps;

  /** Loads the request through the user's scope: another operator's and nonexistent look the same (404). */
  const load = async (req: Request) => {
    if (!isId(req.params.id)) throw notFound();
    const r = await findIntakeRequest(db, currentUser(req), req.params.id);
    if (!r) throw notFound();
    return r;
  };

  const renderNew = async (req: Request, res: Response, status: number, values: FormValues, errors: FieldErrors) => {
    const user = currentUser(req);
    const search = postedText(req.query.structure_q, 100).trim();
    const picked = isId(values.organisation_id) ? values.organisation_id : null;
    const department = await operatorDepartment(db, user.organisation_id);
    const [settings, owners, structures, partners] = await Promise.all([
      operatorSettings(db, user.organisation_id),
      ownerChoices(db, user.organisation_id),
      intakeStructureChoices(db, { department, search, picked }),
      partnerSuggestions(db, user.organisation_id),
    ]);
    res.status(status).render('intake/new', {
      title: req.t('intake.new.title'),
      criteria: settings.eligibility_criteria,
      owners,
      structures,
      search,
      department,
      partners,
      channels: CHANNELS,
      legalForms: LEGAL_FORMS,
      values: { new_department: department ?? '', ...values },
      errors,
      formError: formErrorOf(req.t, errors),
    });
  };

  const renderShow = async (req: Request, res: Response, status: number, r: IntakeRequest, forms: Forms = {}) => {
    const [history, pathway, partners] = await Promise.all([
      intakeHistory(db, r.id),
      pathwayOfRequest(db, r),
      partnerSuggestions(db, r.operator_id),
    ]);
    res.status(status).render('intake/show', {
      title: req.t('intake.show.title', { name: r.structure_name }),
      r,
      history,
      pathway,
      partners,
      outcomes: INTAKE_OUTCOMES,
      canDecide: intakePolicy.decide(currentUser(req), r),
      outcomeForm: forms.outcome ?? { values: outcomeFormValues(), errors: {} },
      reopenForm: forms.reopen ?? { values: reopenFormValues(), errors: {} },
    });
  };

  /** A refusal of a command or of the lifecycle, as the errors of the form's fields. */
  const refusalErrors = (req: Request, err: unknown, fields: { reason: string; partner?: string }) => {
    if (err instanceof DateRefused) return dateRefusalError(req, err);
    if (err instanceof IntakeFieldRefused) return { [err.field]: req.t(err.key) };
    if (!(err instanceof IntakeTransitionRefused)) throw err;
    const field = err.part === 'partner' ? fields.partner : err.part === 'reason' ? fields.reason : undefined;
    return field ? { [field]: req.t(err.reasonKey) } : { _form: req.t(err.reasonKey) };
  };
  const stateOf = (req: Request, values: Record<string, unknown>, errors: FieldErrors): FormState => ({
    values,
    errors,
    formError: errors._form ?? formErrorOf(req.t, errors),
  });

  app.get('/intake', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(intakePolicy.list(user));
    const filters = listFiltersSchema.parse(req.query);
    const [{ page, years, owners }, settings] = await Promise.all([
      intakeListPage(db, user, filters, localToday(), pageNumber(req.query.page)),
      operatorSettings(db, user.organisation_id),
    ]);
    res.render('intake/index', {
      title: req.t('intake.title'),
      ...{ page, years, owners, filters, filterQuery },
      ...{ statuses: INTAKE_STATUSES, channels: CHANNELS, reminderDays: settings.intake_reminder_days },
      canCreate: intakePolicy.create(user),
    });
  });

  app.get('/intake/new', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(intakePolicy.create(user));
    await renderNew(req, res, 200, intakeFormValues(user, req.query), {});
  });

  app.post('/intake', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(intakePolicy.create(user));
    const form = parseForm(intakeSchema, req.body, req.t);
    if (!form.ok) return renderNew(req, res, 422, postedIntake(req.body as Record<string, unknown>), form.errors);
    try {
      const id = await write(req, (w) => createIntakeRequest(w, user.organisation_id, form.data, user.id));
      flash(req, 'success', req.t('intake.created'));
      res.redirect(`/intake/${id}`);
    } catch (err) {
      await renderNew(
        req,
        res,
        422,
        postedIntake(req.body as Record<string, unknown>),
        refusalErrors(req, err, { reason: 'need' }),
      );
    }
  });

  app.get('/intake/:id', requireLogin, async (req, res) => {
    await renderShow(req, res, 200, await load(req));
  });

  app.post('/intake/:id/outcome', requireLogin, async (req, res) => {
    const r = await load(req);
    const user = currentUser(req);
    authorize(intakePolicy.decide(user, r));
    const values = outcomeFormValues(req.body as Record<string, unknown>);
    const refuse = (errors: FieldErrors) => renderShow(req, res, 422, r, { outcome: stateOf(req, values, errors) });
    const form = parseForm(outcomeSchema, req.body, req.t);
    if (!form.ok) return refuse(form.errors);
    try {
      const pathwayId = await write(req, (w) => recordOutcome(w, r, form.data, user.id));
      flash(req, 'success', req.t(`intake.outcome.done.${form.data.outcome}`));
      res.redirect(pathwayId ? `/pathways/${pathwayId}` : `/intake/${r.id}`);
    } catch (err) {
      await refuse(refusalErrors(req, err, { reason: 'outcome_reason', partner: 'outcome_partner' }));
    }
  });

  app.post('/intake/:id/reopen', requireLogin, async (req, res) => {
    const r = await load(req);
    const user = currentUser(req);
    authorize(intakePolicy.decide(user, r));
    const values = reopenFormValues(req.body as Record<string, unknown>);
    const refuse = (errors: FieldErrors) => renderShow(req, res, 422, r, { reopen: stateOf(req, values, errors) });
    const form = parseForm(reopenSchema, req.body, req.t);
    if (!form.ok) return refuse(form.errors);
    try {
      await write(req, (w) => reopenIntakeRequest(w, r, form.data, user.id));
      flash(req, 'success', req.t('intake.reopened'));
      res.redirect(`/intake/${r.id}`);
    } catch (err) {
      await refuse(refusalErrors(req, err, { reason: 'reopen_reason' }));
    }
  });
}
