import type { Express, Request, Response } from 'express';
import { funderChoices } from '../accompaniments/funding';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { type FieldErrors, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { listLabels, listOptions } from '../reference-lists/lists';
import { registerCommitmentRoutes } from './commitment-routes';
import { createEnvelope, updateEnvelope } from './commands';
import { envelopePolicy as policy } from './policy';
import { commitmentLog, committableCases, type Envelope, envelopeCommitments, envelopesOfYear } from './queries';
import {
  attempt,
  E,
  envelopeUrl,
  formView,
  loadEnvelope,
  managedEnvelope,
  thisYear,
  type Values,
} from './route-helpers';
import { envelopeSchema, parseYear } from './schemas';

/** The funding envelopes of an operator's year and each envelope's commitments (releasing one, committing a case's money: commitment-routes.ts). */
export function registerEnvelopes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // ---- The year's page -----------------------------------------------------------------------
  app.get(E, requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(policy.list(user));
    const current = thisYear();
    const year = parseYear(req.query.year, current);
    res.render('envelopes/index', {
      title: req.t(user.role === 'funder' ? 'envelopes.funderTitle' : 'envelopes.title', { year }),
      year,
      envelopes: await envelopesOfYear(db, user, year, current),
      isFunder: user.role === 'funder',
      canCreate: policy.create(user),
    });
  });

  // ---- Creating and editing an envelope ------------------------------------------------------
  const renderForm = async (
    req: Request,
    res: Response,
    status: number,
    envelope: Envelope | null,
    values: Values,
    errors: FieldErrors,
    formError?: string,
  ) =>
    formView(req, res, status, 'form', {
      title: envelope ? req.t('envelopes.editTitle', { label: envelope.label }) : req.t('envelopes.newTitle'),
      envelope,
      funders: await funderChoices(db),
      actionTypes: (
        await listOptions(db, ['action_type'], req.locale, { action_type: envelope?.eligible_action_types ?? [] })
      ).action_type,
      values,
      errors,
      formError,
    });

  /** The posted form as it is shown again: the ticked types as a list. */
  const postedValues = (req: Request): Values => {
    const body = postedForm(req);
    const types = body.eligible_action_types;
    return { ...body, eligible_action_types: Array.isArray(types) ? types : types ? [types] : [] };
  };

  app.get(`${E}/new`, requireLogin, async (req, res) => {
    authorize(policy.create(currentUser(req)));
    await renderForm(req, res, 200, null, { year: String(thisYear()), eligible_action_types: [] }, {});
  });

  app.post(E, requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(policy.create(user));
    const values = postedValues(req);
    const again = (errors: FieldErrors, message?: string) => renderForm(req, res, 422, null, values, errors, message);
    const parsed = parseForm(envelopeSchema, req.body, req.t);
    if (!parsed.ok) return again(parsed.errors);
    const done = await attempt(
      req,
      () => write(req, (w) => createEnvelope(w, user.organisation_id, parsed.data)),
      again,
    );
    if (!done.ok) return;
    flash(req, 'success', req.t('envelopes.created'));
    res.redirect(envelopeUrl(done.value));
  });

  app.get(`${E}/:id`, requireLogin, async (req, res) => {
    const user = currentUser(req);
    const envelope = await loadEnvelope(deps, req);
    const canManage = policy.manage(user, envelope);
    const [commitments, log, labels, cases] = await Promise.all([
      envelopeCommitments(db, envelope.id),
      commitmentLog(db, envelope.id),
      listLabels(db, ['action_type'], req.locale),
      canManage ? committableCases(db, envelope) : [],
    ]);
    res.render('envelopes/show', {
      title: req.t('envelopes.show.title', { label: envelope.label }),
      envelope,
      commitments,
      releases: new Map(log.map((l) => [String(l.commitment_id), l])),
      actionTypeLabels: labels.action_type,
      isFunder: user.role === 'funder',
      canManage,
      committable: cases,
      canOpenCases: policy.openCases(user, envelope),
    });
  });

  app.get(`${E}/:id/edit`, requireLogin, async (req, res) => {
    const e = await managedEnvelope(deps, req);
    const values = {
      label: e.label,
      funder_id: e.funder_id,
      year: String(e.year),
      amount_eur: e.amount_eur,
      eligible_action_types: e.eligible_action_types,
      departments: e.departments.join(', '),
      notes: e.notes ?? '',
      lock_version: e.lock_version,
    };
    await renderForm(req, res, 200, e, values, {});
  });

  app.post(`${E}/:id`, requireLogin, async (req, res) => {
    const envelope = await managedEnvelope(deps, req);
    const values = postedValues(req);
    const again = (errors: FieldErrors, message?: string, _r?: boolean, status = 422) =>
      renderForm(req, res, status, envelope, values, errors, message);
    const parsed = parseForm(envelopeSchema, req.body, req.t);
    if (!parsed.ok) return again(parsed.errors);
    const lock = postedLockVersion(values.lock_version);
    const done = await attempt(req, () => write(req, (w) => updateEnvelope(w, envelope, parsed.data, lock)), again);
    if (!done.ok) return;
    if (!done.value) return again({}, req.t('envelopes.conflict'), false, 409);
    flash(req, 'success', req.t('envelopes.updated'));
    res.redirect(envelopeUrl(envelope.id));
  });

  registerCommitmentRoutes(app, deps);
}
