import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { type FieldErrors, parseForm, postedForm, postedText } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { moveCase } from './commands';
import { transitionsFrom, TransitionRefused } from './lifecycle';
import { accompanimentPolicy } from './policy';
import { loadAccompaniment } from './load';
import type { Accompaniment } from './queries';
import { transitionSchema } from './schemas';
import type { State } from './states';
import { dateRefusalError, DateRefused, localToday } from '../platform/dates';

/** What the page offers: the moves out of the current state, the reason-bearing ones last. */
export function transitionChoices(state: State) {
  return transitionsFrom(state)
    .map((t) => ({ to: t.to, reasonRequired: t.reasonRequired }))
    .sort((a, b) => Number(a.reasonRequired) - Number(b.reasonRequired));
}

type Choice = ReturnType<typeof transitionChoices>[number] | null;

/** The page of a move, with its date and comment; the 422 page says what was refused. */
const renderMove = (
  req: Request,
  res: Response,
  status: number,
  acc: Accompaniment,
  choice: Choice,
  values: Record<string, string>,
  errors: FieldErrors = {},
  formError?: string,
) =>
  res.status(status).render('accompaniments/transition', {
    title: req.t('lifecycle.title'),
    acc,
    choice,
    values,
    errors,
    formError,
  });

export function registerTransitionRoutes(app: Express, deps: Deps) {
  const { write } = deps;

  // A page for the move, with its date and comment (the reason, when one is required).
  app.get('/accompaniments/:id/transitions/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.transition(currentUser(req), acc));
    const choice = transitionChoices(acc.state).find((t) => t.to === req.query.to) ?? null;
    renderMove(req, res, 200, acc, choice, { to: choice?.to ?? '', comment: '', on_date: localToday() });
  });

  app.post('/accompaniments/:id/transitions', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(accompanimentPolicy.transition(user, acc));
    const posted = postedForm(req);
    const choice = transitionChoices(acc.state).find((t) => t.to === posted.to) ?? null;
    const values = {
      to: postedText(posted.to, 30),
      comment: postedText(posted.comment, 2000),
      on_date: postedText(posted.on_date),
    };
    const refuse = (message: string, errors: FieldErrors = {}) =>
      renderMove(req, res, 422, acc, choice, values, errors, message);
    const form = parseForm(transitionSchema, req.body, req.t);
    if (!form.ok) return refuse(req.t('form.hasErrors'), form.errors);
    try {
      const { to, comment, on_date: onDate } = form.data;
      const moved = await write(req, (w) =>
        moveCase(w, acc.id, to, { actorId: user.id, comment, onDate }, deps.config.baseUrl),
      );
      flash(req, 'success', req.t('lifecycle.done', { state: req.t(`states.${moved.to}` as 'states.intake') }));
      res.redirect(`/accompaniments/${acc.id}`);
    } catch (err) {
      // A date before the intake or the previous move: said next to the date, the input kept.
      if (err instanceof DateRefused) return refuse(req.t('form.hasErrors'), dateRefusalError(req, err));
      if (!(err instanceof TransitionRefused)) throw err;
      const reasonRequired = err.reasonKey === 'lifecycle.reasonRequired';
      refuse(req.t(err.reasonKey), reasonRequired ? { comment: req.t('lifecycle.reasonRequired') } : {});
    }
  });
}
