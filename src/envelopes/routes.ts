import type { Express, Request, Response } from 'express';
import { funderChoices } from '../accompaniments/funding';
import { loadAccompaniment } from '../accompaniments/load';
import type { Accompaniment } from '../accompaniments/queries';
import { caseUrl } from '../accompaniments/tabs';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { dateRefusalError, DateRefused, localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { forbidden, notFound } from '../platform/errors';
import { type FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { formatAmount } from '../platform/i18n';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { listLabels, listOptions } from '../reference-lists/lists';
import { actionTypeOfKind } from './conditions';
import { commitOnEnvelope, createEnvelope, EnvelopeRefused, releaseCommitment, updateEnvelope } from './commands';
import { CommitmentTransitionRefused } from './lifecycle';
import { envelopePolicy as policy } from './policy';
import {
  commitChoices,
  commitmentLog,
  committableCases,
  type Envelope,
  envelopeCommitments,
  envelopesOfYear,
  findCommitment,
  findEnvelope,
} from './queries';
import { commitSchema, envelopeSchema, parseYear, releaseSchema } from './schemas';

type Values = Record<string, unknown>;
const E = '/envelopes';
export const envelopeUrl = (id: string) => `${E}/${id}`;
const thisYear = () => Number(localToday().slice(0, 4));

/** What a refused command says, next to its field or over the form; anything else is not a refusal. */
function refusalOf(
  req: Request,
  err: unknown,
): { errors: FieldErrors; message?: string; needsReason?: boolean } | null {
  if (err instanceof DateRefused) return { errors: dateRefusalError(req, err) };
  if (err instanceof CommitmentTransitionRefused)
    return err.reasonKey === 'envelopes.transition.reasonRequired'
      ? { errors: { reason: req.t(err.reasonKey) } }
      : { errors: {}, message: req.t(err.reasonKey) };
  if (err instanceof EnvelopeRefused) {
    const params = { ...err.params };
    for (const k of ['left', 'over'] as const)
      if (typeof params[k] === 'string') params[k] = formatAmount(req.locale, params[k]);
    const text = req.t(err.key, params);
    return err.field ? { errors: { [err.field]: text }, needsReason: err.needsReason } : { errors: {}, message: text };
  }
  return null;
}

/** The funding envelopes of an operator's year, each envelope's commitments, and committing a case's money. */
export function registerEnvelopes(app: Express, deps: Deps) {
  const { db, write } = deps;

  const form = (req: Request, res: Response, status: number, view: string, locals: Values) =>
    res.status(status).render(`envelopes/${view}`, {
      errors: {},
      ...locals,
      formError: formErrorOf(req.t, (locals.errors as FieldErrors) ?? {}, locals.formError as string | undefined),
    });

  /** Runs a command; a refusal renders the form again (422, input kept), anything else propagates. */
  const attempt = async <T>(
    req: Request,
    run: () => Promise<T>,
    again: (errors: FieldErrors, message?: string, needsReason?: boolean) => unknown,
  ) => {
    try {
      return { ok: true as const, value: await run() };
    } catch (err) {
      const refusal = refusalOf(req, err);
      if (!refusal) throw err;
      await again(refusal.errors, refusal.message, refusal.needsReason);
      return { ok: false as const };
    }
  };

  const loadEnvelope = async (req: Request) => {
    const found = isId(req.params.id) ? await findEnvelope(db, currentUser(req), req.params.id, thisYear()) : undefined;
    if (!found) throw notFound();
    return found;
  };

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
    form(req, res, status, 'form', {
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
    const envelope = await loadEnvelope(req);
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

  const managedEnvelope = async (req: Request) => {
    const envelope = await loadEnvelope(req);
    authorize(policy.manage(currentUser(req), envelope));
    return envelope;
  };

  app.get(`${E}/:id/edit`, requireLogin, async (req, res) => {
    const e = await managedEnvelope(req);
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
    const envelope = await managedEnvelope(req);
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

  // ---- Releasing a commitment ----------------------------------------------------------------
  const loadCommitment = async (req: Request) => {
    const envelope = await managedEnvelope(req);
    const commitment = isId(req.params.commitmentId)
      ? await findCommitment(db, envelope.id, req.params.commitmentId)
      : undefined;
    if (!commitment) throw notFound();
    return { envelope, commitment };
  };
  const releasePath = `${E}/:id/commitments/:commitmentId/release`;
  const renderRelease = (
    req: Request,
    res: Response,
    status: number,
    loaded: Values,
    values: Values,
    errors: FieldErrors,
    formError?: string,
  ) => form(req, res, status, 'release', { title: req.t('envelopes.release'), ...loaded, values, errors, formError });

  app.get(releasePath, requireLogin, async (req, res) => {
    const loaded = await loadCommitment(req);
    renderRelease(req, res, 200, loaded, { happened_on: localToday(), reason: '' }, {});
  });

  app.post(releasePath, requireLogin, async (req, res) => {
    const loaded = await loadCommitment(req);
    const values = postedForm(req);
    const again = (errors: FieldErrors, message?: string) =>
      renderRelease(req, res, 422, loaded, values, errors, message);
    const parsed = parseForm(releaseSchema, req.body, req.t);
    if (!parsed.ok) return again(parsed.errors);
    const input = { happenedOn: parsed.data.happened_on, reason: parsed.data.reason };
    const done = await attempt(req, () => write(req, (w) => releaseCommitment(w, loaded.commitment, input)), again);
    if (!done.ok) return;
    flash(req, 'success', req.t('envelopes.release.done'));
    res.redirect(envelopeUrl(loaded.envelope.id));
  });

  // ---- Committing a case's money on an envelope ----------------------------------------------
  const commitPath = '/accompaniments/:id/envelope-commitments';
  const renderCommit = async (
    req: Request,
    res: Response,
    status: number,
    acc: Accompaniment,
    values: Values,
    errors: FieldErrors,
    formError?: string,
    needsReason = false,
  ) =>
    form(req, res, status, 'commit', {
      title: req.t('envelopes.commit.title'),
      acc,
      actionType: actionTypeOfKind(acc.kind),
      actionTypeLabels: (await listLabels(db, ['action_type'], req.locale)).action_type,
      envelopes: await commitChoices(db, acc.operator_id, thisYear()),
      askReason: needsReason || Boolean(values.over_envelope_reason),
      values,
      errors,
      formError,
    });

  const directedCase = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    if (!policy.commitCase(currentUser(req), acc)) throw forbidden();
    return acc;
  };

  app.get(`${commitPath}/new`, requireLogin, async (req, res) => {
    const acc = await directedCase(req);
    const envelopeId = isId(req.query.envelope) ? req.query.envelope : '';
    await renderCommit(req, res, 200, acc, { envelope_id: envelopeId, committed_on: localToday() }, {});
  });

  app.post(commitPath, requireLogin, async (req, res) => {
    const acc = await directedCase(req);
    const values = postedForm(req);
    const again = (errors: FieldErrors, message?: string, needsReason?: boolean) =>
      renderCommit(req, res, 422, acc, values, errors, message, needsReason);
    const parsed = parseForm(commitSchema, req.body, req.t);
    if (!parsed.ok) return again(parsed.errors);
    const d = parsed.data;
    const input = {
      envelopeId: d.envelope_id,
      accompanimentId: acc.id,
      amountEur: d.amount_eur,
      committedOn: d.committed_on,
      overEnvelopeReason: d.over_envelope_reason,
    };
    const done = await attempt(req, () => write(req, (w) => commitOnEnvelope(w, input)), again);
    if (!done.ok) return;
    const envelope = await findEnvelope(db, currentUser(req), d.envelope_id, thisYear());
    const params = { amount: formatAmount(req.locale, d.amount_eur), label: envelope?.label ?? '' };
    flash(req, 'success', req.t(done.value.overBy ? 'envelopes.commit.doneOver' : 'envelopes.commit.done', params));
    res.redirect(caseUrl(acc.id, 'envelopes'));
  });
}
