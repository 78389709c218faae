/** What the envelope routes share: the URLs and the year, an envelope loaded through the scope, a form shown again with a command's refusal. */
import type { Request, Response } from 'express';
import { currentUser, isId } from '../platform/auth/guards';
import { dateRefusalError, DateRefused, localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { type FieldErrors, formErrorOf } from '../platform/forms';
import { formatAmount } from '../platform/i18n';
import { authorize } from '../platform/policy';
import { EnvelopeRefused } from './commands';
import { CommitmentTransitionRefused } from './lifecycle';
import { envelopePolicy as policy } from './policy';
import { findEnvelope } from './queries';

export type Values = Record<string, unknown>;
export const E = '/envelopes';
export const envelopeUrl = (id: string) => `${E}/${id}`;
export const thisYear = () => Number(localToday().slice(0, 4));

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

/** Renders one of the area's forms (envelopes/<view>), its errors summed up over it. */
export const formView = (req: Request, res: Response, status: number, view: string, locals: Values) =>
  res.status(status).render(`envelopes/${view}`, {
    errors: {},
    ...locals,
    formError: formErrorOf(req.t, (locals.errors as FieldErrors) ?? {}, locals.formError as string | undefined),
  });

/** Runs a command; a refusal renders the form again (422, input kept), anything else propagates. */
export async function attempt<T>(
  req: Request,
  run: () => Promise<T>,
  again: (errors: FieldErrors, message?: string, needsReason?: boolean) => unknown,
) {
  try {
    return { ok: true as const, value: await run() };
  } catch (err) {
    const refusal = refusalOf(req, err);
    if (!refusal) throw err;
    await again(refusal.errors, refusal.message, refusal.needsReason);
    return { ok: false as const };
  }
}

/** The envelope of the request through the scope (404 outside it). */
export async function loadEnvelope(deps: Pick<Deps, 'db'>, req: Request) {
  const found = isId(req.params.id)
    ? await findEnvelope(deps.db, currentUser(req), req.params.id, thisYear())
    : undefined;
  if (!found) throw notFound();
  return found;
}

/** The envelope of the request, which the user manages (403 otherwise). */
export async function managedEnvelope(deps: Pick<Deps, 'db'>, req: Request) {
  const envelope = await loadEnvelope(deps, req);
  authorize(policy.manage(currentUser(req), envelope));
  return envelope;
}
