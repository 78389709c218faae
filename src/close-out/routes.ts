import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { refusePart } from '../accompaniments/withdrawn';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';
import { closeOutChecklist } from './checklist';
import { closeOutPolicy, isClosingOut } from './policy';
import { answerSurvey } from './commands';
import { activeBeneficiary, answeredSurveys, findSurvey, surveyAverages } from './queries';
import { registerResultRoutes } from './result-routes';
import { answerableBy } from './section';
import { CRITERIA, SCORE_VALUES, surveySchema } from './schemas';

type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;

/** The posted answers; the day the structure answered as chosen (today when the form sent none). */
const surveyValues = (posted: Record<string, unknown>) => ({
  ...posted,
  answered_on: typeof posted.answered_on === 'string' ? posted.answered_on : localToday(),
});

/** Whether the survey is answered on the structure's behalf (by someone outside it). */
const onBehalf = (req: Request, structure: { organisation_id: string }) =>
  currentUser(req).organisation_id !== structure.organisation_id;

/** Close-out: the checklist page, the satisfaction survey per structure, the results per objective. */
export function registerCloseOut(app: Express, deps: Deps) {
  const { db, write } = deps;

  app.get('/accompaniments/:id/close-out', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const acc = await loadAccompaniment(deps, req);
    await refusePart(db, user, acc.id, 'close-out');
    const checklist = await closeOutChecklist(db, acc.id);
    const seeAll = closeOutPolicy.seeAllSurveys(user, acc);
    // A structure reads its own answers only; the provider judged by the survey, funders and
    // relays read averages.
    const surveys = seeAll ? await answeredSurveys(db, acc.id) : [];
    const averages = user.role === 'beneficiary' ? null : await surveyAverages(db, acc.id);
    res.render('close-out/show', {
      title: req.t('closeOut.title'),
      acc,
      checklist,
      surveys,
      averages,
      criteria: CRITERIA,
      canEditCloseOut: closeOutPolicy.edit(user, acc),
      closingOut: isClosingOut(acc),
      answerable: answerableBy(checklist, (orgId) => closeOutPolicy.answerSurvey(user, acc, orgId)),
      changeable: answerableBy(checklist, (orgId, answered) => closeOutPolicy.changeSurvey(user, acc, orgId, answered)),
    });
  });

  // ---- the satisfaction survey of one structure ------------------------------------------

  const loadSurveyTarget = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    const orgId = req.params.organisationId;
    if (!isId(orgId)) throw notFound();
    const structure = await activeBeneficiary(db, acc.id, orgId);
    if (!structure) throw notFound();
    authorize(closeOutPolicy.answerSurvey(currentUser(req), acc, orgId));
    const survey = await findSurvey(db, acc.id, orgId);
    // A structure answers once: its answers are then read-only for it (the operator's staff may still correct them).
    const readOnly = !closeOutPolicy.changeSurvey(currentUser(req), acc, orgId, !!survey);
    return { acc, survey, readOnly, structure };
  };

  const renderSurvey = (
    req: Request,
    res: Response,
    status: number,
    acc: Acc,
    structure: { organisation_id: string; name: string },
    values: Record<string, unknown>,
    errors: FieldErrors,
    readOnly = false,
  ) =>
    res.status(status).render('close-out/survey', {
      title: req.t('closeOut.survey.title', { name: structure.name }),
      acc,
      structure,
      criteria: CRITERIA,
      scores: SCORE_VALUES,
      values,
      errors,
      onBehalf: onBehalf(req, structure),
      readOnly,
      today: localToday(),
      formError: formErrorOf(req.t, errors, errors._form),
    });

  app.get('/accompaniments/:id/close-out/survey/:organisationId', requireLogin, async (req, res) => {
    const { acc, structure, survey, readOnly } = await loadSurveyTarget(req);
    const values = survey
      ? { ...survey, lock_version: String(survey.lock_version) }
      : { lock_version: '', answered_on: localToday() };
    renderSurvey(req, res, 200, acc, structure, values, {}, readOnly);
  });

  app.post('/accompaniments/:id/close-out/survey/:organisationId', requireLogin, async (req, res) => {
    const { acc, structure, readOnly } = await loadSurveyTarget(req);
    authorize(!readOnly);
    const posted = postedForm(req);
    const values = surveyValues(posted);
    const again = (status: number, errors: FieldErrors, shown: Record<string, unknown> = values) =>
      renderSurvey(req, res, status, acc, structure, shown, errors);
    const form = parseForm(surveySchema, values, req.t);
    if (!form.ok) return again(422, form.errors);
    // No version yet (a first answer) is '', anything else must be a version or it is a conflict.
    const lockVersion = (posted.lock_version ?? '') === '' ? null : postedLockVersion(posted.lock_version);
    const target = { organisationId: structure.organisation_id, onBehalf: onBehalf(req, structure), lockVersion };
    let saved: boolean;
    try {
      saved = await write(req, (w) => answerSurvey(w, acc, target, form.data));
    } catch (err) {
      if (!(err instanceof DateRefused)) throw err;
      return again(422, dateRefusalError(req, err));
    }
    if (!saved) {
      // Someone answered in between: keep this user's input, against the current version.
      const current = await findSurvey(db, acc.id, structure.organisation_id);
      const lock_version = current ? String(current.lock_version) : '';
      return again(409, { _form: req.t('closeOut.conflict') }, { ...values, lock_version });
    }
    flash(req, 'success', req.t('closeOut.survey.saved', { name: structure.name }));
    res.redirect(`/accompaniments/${acc.id}/close-out`);
  });

  registerResultRoutes(app, deps);
}
