import type { Express, Request, Response } from 'express';
import { TransitionRefused } from '../accompaniments/lifecycle';
import type { Accompaniment } from '../accompaniments/queries';
import { loadAccompaniment } from '../accompaniments/load';
import { caseUrl } from '../accompaniments/tabs';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { uniqueViolation } from '../platform/db-errors';
import type { Deps } from '../platform/deps';
import type { FieldErrors } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { handOff } from './commands';
import { registerHandoffPackageRoutes } from './package-routes';
import { handoffPolicy } from './policy';
import { handoffOf, prefilledSummary, relayChoices } from './queries';
import { HandoffValues, KEY_DATE_ROWS, parseHandoff, postedValues } from './schemas';
import { formErrorOf, postedForm } from '../platform/forms';

/**
 * The handoff of a case's follow-up to a relay organisation: the coordinator fills the form once
 * (close-out or follow-up state); the case moves to follow-up through the lifecycle, the
 * checkpoints are scheduled and the relay users named are e-mailed the package's link.
 */
export function registerHandoffs(app: Express, deps: Deps) {
  const { db, write, config } = deps;
  const offsetsMonths = config.followUpOffsetsMonths;

  const renderForm = async (
    req: Request,
    res: Response,
    status: number,
    acc: Accompaniment,
    values: HandoffValues,
    errors: FieldErrors,
    formError?: string,
  ) =>
    res.status(status).render('handoffs/form', {
      title: req.t('handoffs.new.title'),
      acc,
      relays: await relayChoices(db),
      values,
      errors,
      formError: formErrorOf(req.t, errors, formError),
      today: localToday(),
    });

  // A case has one handoff: once made, its page is the package.
  const existing = async (res: Response, accId: string) => {
    const h = await handoffOf(db, accId);
    if (h) res.redirect(`/handoffs/${h.id}`);
    return !!h;
  };

  app.get('/accompaniments/:id/handoff', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    if (await existing(res, acc.id)) return;
    authorize(handoffPolicy.create(currentUser(req), acc));
    const relays = await relayChoices(db);
    const values: HandoffValues = {
      relay_id: relays.length === 1 ? relays[0].id : '',
      member_ids: [],
      summary: await prefilledSummary(db, acc),
      management_committee: '',
      workstreams: '',
      handed_off_on: localToday(),
      keyDates: Array.from({ length: KEY_DATE_ROWS }, () => ({ on_date: '', approximate: false, label: '' })),
    };
    await renderForm(req, res, 200, acc, values, {});
  });

  app.post('/accompaniments/:id/handoff', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    if (await existing(res, acc.id)) return;
    authorize(handoffPolicy.create(currentUser(req), acc));
    const values = postedValues(postedForm(req));
    const refuse = (errors: FieldErrors, formError?: string) =>
      renderForm(req, res, 422, acc, values, errors, formError);
    const form = parseHandoff(values, req.t);
    if (!form.ok) return refuse(form.errors);
    const relay = (await relayChoices(db)).find((r) => r.id === form.data.relay_id);
    if (!relay) return refuse({ relay_id: req.t('handoffs.errors.relayRequired') });
    if (!form.data.member_ids.every((m) => relay.users.some((u) => u.id === m)))
      return refuse({ member_ids: req.t('handoffs.errors.membersOfRelay', { relay: relay.name }) });
    try {
      const transitionComment = req.t('handoffs.transitionComment', { relay: relay.name });
      const opts = { relay, transitionComment, baseUrl: config.baseUrl, offsetsMonths };
      const id = await write(req, (w) => handOff(w, acc, form.data, form.keyDates, opts));
      flash(req, 'success', req.t('handoffs.created', { relay: relay.name }));
      res.redirect(`/handoffs/${id}`);
    } catch (err) {
      if (err instanceof DateRefused) return refuse(dateRefusalError(req, err));
      if (err instanceof TransitionRefused) return refuse({}, req.t(err.reasonKey));
      // A colleague handed the case over meanwhile: theirs stands.
      if (uniqueViolation(err)) {
        flash(req, 'info', req.t('handoffs.already'));
        return res.redirect(caseUrl(acc.id, 'handoffs'));
      }
      throw err;
    }
  });

  registerHandoffPackageRoutes(app, deps);
}
