import type { Request, Response } from 'express';
import { currentUser, isId } from '../platform/auth/guards';
import { dateRefusalError, DateRefused } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, postedText } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { PathwayTransitionRefused } from './lifecycle';
import { pathwayPolicy } from './policy';
import { findPathway, pathwayActions, type Pathway } from './queries';
import { PathwayFieldRefused } from './record-commands';

export type Values = Record<string, unknown>;
export type Form = { values: Values; errors: FieldErrors; formError?: string | null };
export const blank = (values: Values = {}): Form => ({ values, errors: {} });
/** What was posted, as typed (strings only), to show back in a refused form. */
export const posted = (body: unknown): Values =>
  Object.fromEntries(Object.entries((body ?? {}) as Values).map(([k, v]) => [k, postedText(v, 8000)]));

/** What the parcours' routes share: loading through the scope, and a form's POST. */
export function pathwayRouteHelpers(deps: Deps) {
  const { db } = deps;

  /** Loads the parcours through the user's scope: out of scope and nonexistent look the same (404). */
  const load = async (req: Request) => {
    if (!isId(req.params.id)) throw notFound();
    const p = await findPathway(db, currentUser(req), req.params.id);
    if (!p) throw notFound();
    return p;
  };
  /** Loads the parcours and checks the user may change it (403 when in scope but read only). */
  const loadToManage = async (req: Request) => {
    const p = await load(req);
    authorize(pathwayPolicy.manage(currentUser(req), p));
    return p;
  };
  const loadAction = async (req: Request, p: Pathway) => {
    const action = isId(req.params.actionId)
      ? (await pathwayActions(db, currentUser(req), p.id)).find((a) => a.id === req.params.actionId)
      : undefined;
    if (!action) throw notFound();
    return action;
  };

  /** A refusal of a command or of the lifecycle, as the errors of the form's fields. */
  const refusal = (req: Request, err: unknown): FieldErrors => {
    if (err instanceof DateRefused) return dateRefusalError(req, err);
    if (err instanceof PathwayFieldRefused) return { [err.field]: req.t(err.key) };
    if (err instanceof PathwayTransitionRefused) return { [err.field ?? '_form']: req.t(err.reasonKey) };
    throw err;
  };
  const formOf = (req: Request, values: Values, errors: FieldErrors): Form => ({
    values,
    errors,
    formError: errors._form ?? formErrorOf(req.t, errors),
  });

  /**
   * A form's POST: parse (422 with the input kept), run one command in a write (refusals 422 next to
   * their field), then flash and redirect.
   */
  const submit = async <T>(
    req: Request,
    res: Response,
    parsed: { ok: true; data: T } | { ok: false; errors: FieldErrors },
    run: (data: T) => Promise<{ message: string; to: string }>,
    again: (form: Form) => Promise<void>,
  ) => {
    if (!parsed.ok) return again(formOf(req, posted(req.body), parsed.errors));
    try {
      const done = await run(parsed.data);
      flash(req, 'success', done.message);
      res.redirect(done.to);
    } catch (err) {
      await again(formOf(req, posted(req.body), refusal(req, err)));
    }
  };

  return { load, loadToManage, loadAction, submit };
}
