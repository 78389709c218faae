/** What the comité d'appui's routes share: its URLs, a meeting its staff manages, a form shown again with a command's refusal. */
import type { Request, Response } from 'express';
import { currentUser } from '../platform/auth/guards';
import { dateRefusalError, DateRefused } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { type FieldErrors, formErrorOf } from '../platform/forms';
import { authorize } from '../platform/policy';
import { CommitteeRefused } from './commands';
import { MeetingTransitionRefused } from './lifecycle';
import { supportCommitteePolicy as policy } from './policy';
import { loadMeeting } from './queries';

export type Values = Record<string, unknown>;
export const M = '/support-committee';
export const meetingUrl = (id: string) => `${M}/meetings/${id}`;

/**
 * What a refused command says: a date next to its field, a rule next to its field or over the form.
 * Anything else is not a refusal.
 */
function refusalOf(req: Request, err: unknown): { errors: FieldErrors; message: string } | null {
  if (err instanceof DateRefused) return { errors: dateRefusalError(req, err), message: req.t('form.hasErrors') };
  if (err instanceof MeetingTransitionRefused) {
    const field = err.reasonKey === 'supportCommittee.transition.reasonRequired' ? 'reason' : null;
    return { errors: field ? { [field]: req.t(err.reasonKey) } : {}, message: req.t(err.reasonKey) };
  }
  if (err instanceof CommitteeRefused)
    return err.field
      ? { errors: { [err.field]: req.t(err.key) }, message: req.t('form.hasErrors') }
      : { errors: {}, message: req.t(err.key) };
  return null;
}

/** Runs a command; a refusal renders the form again (422, input kept), anything else propagates. */
export async function attempt<T>(req: Request, run: () => Promise<T>, again: (e: FieldErrors, m: string) => unknown) {
  try {
    return { ok: true as const, value: await run() };
  } catch (err) {
    const refusal = refusalOf(req, err);
    if (!refusal) throw err;
    await again(refusal.errors, refusal.message);
    return { ok: false as const };
  }
}

/** The meeting of the request (through the scope), which the user manages (403 otherwise). */
export async function staffMeeting(deps: Pick<Deps, 'db'>, req: Request) {
  const meeting = await loadMeeting(deps, req);
  authorize(policy.manage(currentUser(req), meeting));
  return meeting;
}

/** Renders one of the area's forms (support-committee/<view>), its errors summed up over it. */
export const formView = (req: Request, res: Response, status: number, view: string, locals: Values) =>
  res.status(status).render(`support-committee/${view}`, {
    errors: {},
    ...locals,
    formError: formErrorOf(req.t, (locals.errors as FieldErrors) ?? {}, locals.formError as string | undefined),
  });
