import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import type { Accompaniment } from '../accompaniments/queries';
import { caseUrl } from '../accompaniments/tabs';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { forbidden, notFound } from '../platform/errors';
import { type FieldErrors, parseForm, postedForm } from '../platform/forms';
import { formatAmount } from '../platform/i18n';
import { flash } from '../platform/views';
import { listLabels } from '../reference-lists/lists';
import { actionTypeOfKind } from './conditions';
import { commitOnEnvelope, releaseCommitment } from './commands';
import { envelopePolicy as policy } from './policy';
import { commitChoices, findCommitment, findEnvelope } from './queries';
import { attempt, E, envelopeUrl, formView, managedEnvelope, thisYear, type Values } from './route-helpers';
import { commitSchema, releaseSchema } from './schemas';

/** A commitment released from its envelope's page, and a case's money committed on an envelope from the case. */
export function registerCommitmentRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  // ---- Releasing a commitment ----------------------------------------------------------------
  const loadCommitment = async (req: Request) => {
    const envelope = await managedEnvelope(deps, req);
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
  ) =>
    formView(req, res, status, 'release', { title: req.t('envelopes.release'), ...loaded, values, errors, formError });

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
    formView(req, res, status, 'commit', {
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
