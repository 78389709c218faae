import type { Express } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { applyTransition, transitionsFrom, TransitionRefused } from './lifecycle';
import { accompanimentPolicy } from './policy';
import { loadAccompaniment } from './load';
import { transitionSchema } from './schemas';
import type { State } from './states';
import { dateRefusalError, DateRefused, localToday } from '../platform/dates';

/** What the page offers: the moves out of the current state, the reason-bearing ones last. */
export function transitionChoices(state: State) {
  return transitionsFrom(state)
    .map((t) => ({ to: t.to, reasonRequired: t.reasonRequired }))
    .sort((a, b) => Number(a.reasonRequired) - Number(b.reasonRequired));
}

export function registerTransitionRoutes(app: Express, deps: Deps) {
  const { write } = deps;

  // A page for the move, with its date and comment (the reason, when one is required).
  app.get('/accompaniments/:id/transitions/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.transition(currentUser(req), acc));
    const choice = transitionChoices(acc.state).find((t) => t.to === req.query.to);
    res.render('accompaniments/transition', {
      title: req.t('lifecycle.title'),
      acc,
      choice: choice ?? null,
      values: { to: choice?.to ?? '', comment: '', on_date: localToday() },
      errors: {},
    });
  });

  app.post('/accompaniments/:id/transitions', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(accompanimentPolicy.transition(user, acc));
    const choice = transitionChoices(acc.state).find((t) => t.to === req.body.to) ?? null;
    const refuse = (message: string, errors: Record<string, string> = {}) =>
      res.status(422).render('accompaniments/transition', {
        title: req.t('lifecycle.title'),
        acc,
        choice,
        values: {
          to: String(req.body.to ?? ''),
          comment: String(req.body.comment ?? ''),
          on_date: String(req.body.on_date ?? ''),
        },
        errors,
        formError: message,
      });
    const form = parseForm(transitionSchema, req.body, req.t);
    if (!form.ok) return refuse(req.t('form.hasErrors'), form.errors);
    try {
      const moved = await write(req, async (w) => {
        const result = await applyTransition(w.trx, acc.id, form.data.to, {
          actorId: user.id,
          comment: form.data.comment,
          onDate: form.data.on_date,
        });
        await w.audit({
          action: 'accompaniment.transition',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { ...result, comment: form.data.comment },
        });
        return result;
      });
      flash(req, 'success', req.t('lifecycle.done', { state: req.t(`states.${moved.to}` as 'states.intake') }));
      res.redirect(`/accompaniments/${acc.id}`);
    } catch (err) {
      // A date before the intake or the previous move: said next to the date, the input kept.
      if (err instanceof DateRefused) return refuse(req.t('form.hasErrors'), dateRefusalError(req, err));
      if (!(err instanceof TransitionRefused)) throw err;
      const errors: Record<string, string> =
        err.reasonKey === 'lifecycle.reasonRequired' ? { comment: req.t('lifecycle.reasonRequired') } : {};
      refuse(req.t(err.reasonKey), errors);
    }
  });
}
