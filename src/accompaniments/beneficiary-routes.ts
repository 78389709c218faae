import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { formErrorOf, parseForm, postedForm, postedText, type FieldErrors } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { type Beneficiary, listBeneficiaries, structureChoices } from './beneficiaries';
import { membershipRefusal, NotAStructure } from './beneficiary-lifecycle';
import { joinCase, leaveCase, rejoinCase } from './commands';
import { accompanimentPolicy } from './policy';
import type { Accompaniment } from './queries';
import { loadAccompaniment } from './load';
import { addBeneficiarySchema, rejoinSchema, withdrawalSchema } from './schemas';
import { caseUrl } from './tabs';
import { dateRefusalError, DateRefused, localToday } from '../platform/dates';

const STEP_TITLES = { withdraw: 'beneficiaries.withdraw.title', rejoin: 'beneficiaries.rejoin.title' } as const;

/** The page of a structure leaving the case or coming back: its form, and what was refused (422). */
const renderStep = (
  req: Request,
  res: Response,
  status: number,
  step: keyof typeof STEP_TITLES,
  { acc, beneficiary }: { acc: Accompaniment; beneficiary: Beneficiary },
  values: Record<string, string>,
  errors: FieldErrors = {},
  formError?: string,
) =>
  res.status(status).render(`accompaniments/${step}`, {
    title: req.t(STEP_TITLES[step], { name: beneficiary.name }),
    acc,
    beneficiary,
    values,
    errors,
    formError,
  });

/** Joining, withdrawing and rejoining: each leaves a dated entry in the case's history. */
export function registerBeneficiaryRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  const loadBeneficiary = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageBeneficiaries(currentUser(req), acc));
    if (!isId(req.params.orgId)) throw notFound();
    const beneficiary = (await listBeneficiaries(db, acc.id)).find((b) => b.organisation_id === req.params.orgId);
    if (!beneficiary) throw notFound();
    return { acc, beneficiary };
  };

  // Adding a structure has its own page: the choice of structures (a few hundred on a national
  // instance) is loaded there, not on every view of the case's overview.
  const renderNew = async (
    req: Request,
    res: Response,
    status: number,
    acc: Accompaniment,
    values: Record<string, string>,
    errors: FieldErrors,
  ) => {
    const [structures, beneficiaries] = await Promise.all([
      structureChoices(db, acc.department),
      listBeneficiaries(db, acc.id),
    ]);
    const inCase = new Set(beneficiaries.map((b) => b.organisation_id));
    res.status(status).render('accompaniments/add-beneficiary', {
      title: req.t('beneficiaries.new.title'),
      acc,
      structures: structures.filter((s) => !inCase.has(s.id)),
      values,
      errors,
      formError: formErrorOf(req.t, errors),
    });
  };

  app.get('/accompaniments/:id/beneficiaries/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageBeneficiaries(currentUser(req), acc));
    await renderNew(req, res, 200, acc, { organisation_id: '', joined_on: localToday() }, {});
  });

  app.post('/accompaniments/:id/beneficiaries', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.manageBeneficiaries(currentUser(req), acc));
    const values = {
      organisation_id: postedText(postedForm(req).organisation_id),
      joined_on: postedText(postedForm(req).joined_on),
    };
    const refuse = (errors: FieldErrors) => renderNew(req, res, 422, acc, values, errors);
    const form = parseForm(addBeneficiarySchema, req.body, req.t);
    if (!form.ok) return refuse(form.errors);
    try {
      const { organisation_id: orgId, joined_on: joinedOn } = form.data;
      const added = await write(req, (w) => joinCase(w, acc.id, orgId, joinedOn, currentUser(req).id));
      flash(req, added ? 'success' : 'info', req.t(added ? 'beneficiaries.added' : 'beneficiaries.alreadyIn'));
    } catch (err) {
      if (err instanceof DateRefused) return refuse(dateRefusalError(req, err));
      if (!(err instanceof NotAStructure)) throw err;
      return refuse({ organisation_id: req.t('beneficiaries.chooseStructure') });
    }
    res.redirect(caseUrl(acc.id, 'beneficiaries'));
  });

  app.get('/accompaniments/:id/beneficiaries/:orgId/withdraw', requireLogin, async (req, res) => {
    const loaded = await loadBeneficiary(req);
    const values = { withdrawn_on: localToday(), withdrawal_reasons: '', may_rejoin: '' };
    renderStep(req, res, 200, 'withdraw', loaded, values);
  });

  app.post('/accompaniments/:id/beneficiaries/:orgId/withdraw', requireLogin, async (req, res) => {
    const { acc, beneficiary } = await loadBeneficiary(req);
    const form = parseForm(withdrawalSchema, req.body, req.t);
    const values = {
      withdrawn_on: postedText(postedForm(req).withdrawn_on),
      withdrawal_reasons: postedText(postedForm(req).withdrawal_reasons, 5000),
      may_rejoin: postedText(postedForm(req).may_rejoin, 2000),
    };
    const refuse = (errors: FieldErrors, formError = req.t('form.hasErrors')) =>
      renderStep(req, res, 422, 'withdraw', { acc, beneficiary }, values, errors, formError);
    const refusal = membershipRefusal(beneficiary.status, 'withdraw');
    if (refusal) return refuse(form.ok ? {} : form.errors, req.t(refusal));
    if (!form.ok) return refuse(form.errors);
    try {
      await write(req, (w) => leaveCase(w, acc.id, beneficiary.organisation_id, form.data, currentUser(req).id));
    } catch (err) {
      if (!(err instanceof DateRefused)) throw err;
      return refuse(dateRefusalError(req, err));
    }
    flash(req, 'success', req.t('beneficiaries.withdrawn', { name: beneficiary.name }));
    res.redirect(caseUrl(acc.id, 'beneficiaries'));
  });

  app.post('/accompaniments/:id/beneficiaries/:orgId/rejoin', requireLogin, async (req, res) => {
    const { acc, beneficiary } = await loadBeneficiary(req);
    const form = parseForm(rejoinSchema, req.body, req.t);
    // Refused on its own page, with the typed date and the reason, rather than a flash on the overview.
    const values = { on_date: postedText(postedForm(req).on_date) };
    const refuse = (errors: FieldErrors, formError = req.t('form.hasErrors')) =>
      renderStep(req, res, 422, 'rejoin', { acc, beneficiary }, values, errors, formError);
    const refusal = membershipRefusal(beneficiary.status, 'rejoin');
    if (refusal) return refuse(form.ok ? {} : form.errors, req.t(refusal));
    if (!form.ok) return refuse(form.errors);
    try {
      const onDate = form.data.on_date;
      await write(req, (w) => rejoinCase(w, acc.id, beneficiary.organisation_id, onDate, currentUser(req).id));
    } catch (err) {
      if (!(err instanceof DateRefused)) throw err;
      return refuse(dateRefusalError(req, err));
    }
    flash(req, 'success', req.t('beneficiaries.rejoined', { name: beneficiary.name }));
    res.redirect(caseUrl(acc.id, 'beneficiaries'));
  });
}
