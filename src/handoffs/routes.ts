import type { Express, Request, Response } from 'express';
import { applyTransition, TransitionRefused } from '../accompaniments/lifecycle';
import type { Accompaniment } from '../accompaniments/queries';
import { loadAccompaniment } from '../accompaniments/load';
import { caseUrl } from '../accompaniments/tabs';
import { scheduleCheckpoints } from '../follow-up/schedule';
import { DateRefused, dateRefusalError, localToday, refuseBefore } from '../platform/dates';
import { requireLogin } from '../platform/auth/guards';
import { uniqueViolation } from '../platform/db-errors';
import type { Deps } from '../platform/deps';
import type { FieldErrors } from '../platform/forms';
import { enqueueMail } from '../platform/mail/outbox';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { handedOffMail } from './mails';
import { registerHandoffPackageRoutes } from './package-routes';
import { HANDOFF_STATES, handoffPolicy } from './policy';
import { closeOutDate, handoffOf, insertHandoff, membersOf, prefilledSummary, relayChoices } from './queries';
import { HandoffValues, KEY_DATE_ROWS, parseHandoff, postedValues } from './schemas';
import { formErrorOf } from '../platform/forms';

/**
 * The handoff of a case's follow-up to a relay organisation: the coordinator fills the form once
 * (close-out or follow-up state); the case moves to follow-up through the lifecycle, the
 * checkpoints are scheduled and the relay users named are e-mailed the package's link.
 */
export function registerHandoffs(app: Express, deps: Deps) {
  const { db, write, config } = deps;

  const renderForm = async (req: Request, res: Response, status: number, acc: Accompaniment, values: HandoffValues, errors: FieldErrors, formError?: string) =>
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
    authorize(handoffPolicy.create(req.user!, acc));
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
    const user = req.user!;
    const acc = await loadAccompaniment(deps, req);
    if (await existing(res, acc.id)) return;
    authorize(handoffPolicy.create(user, acc));
    const values = postedValues(req.body ?? {});
    const form = parseHandoff(values, req.t);
    if (!form.ok) return renderForm(req, res, 422, acc, values, form.errors);
    const relay = (await relayChoices(db)).find((r) => r.id === form.data.relay_id);
    if (!relay) return renderForm(req, res, 422, acc, values, { relay_id: req.t('handoffs.errors.relayRequired') });
    if (!form.data.member_ids.every((m) => relay.users.some((u) => u.id === m))) {
      return renderForm(req, res, 422, acc, values, { member_ids: req.t('handoffs.errors.membersOfRelay', { relay: relay.name }) });
    }
    try {
      const id = await write(req, async (w) => {
        const current = await w.trx('accompaniments').where({ id: acc.id }).forUpdate().first('state');
        if (!HANDOFF_STATES.includes(current.state)) throw new TransitionRefused('lifecycle.invalid');
        // Handed over on or after the day the case entered close-out (and its intake).
        const closedOutOn = await closeOutDate(w.trx, acc.id);
        refuseBefore('handed_off_on', form.data.handed_off_on, acc.intake_on, 'handoffs.dates.beforeIntake');
        refuseBefore('handed_off_on', form.data.handed_off_on, closedOutOn, 'handoffs.dates.beforeCloseOut');
        const handoffId = await insertHandoff(w.trx, acc.id, form.data, form.keyDates, user.id);
        if (current.state === 'close_out') {
          const moved = await applyTransition(w.trx, acc.id, 'follow_up', { actorId: user.id, comment: req.t('handoffs.transitionComment', { relay: relay.name }), onDate: form.data.handed_off_on });
          await w.audit({ action: 'accompaniment.transition', entityType: 'accompaniment', entityId: acc.id, details: { ...moved, handoff_id: handoffId } });
        }
        // Checkpoints count from the close-out day entered (the handoff's when the case has none), never from today.
        const countFrom = closedOutOn ?? form.data.handed_off_on;
        await scheduleCheckpoints(w.trx, acc.id, countFrom, config.followUpOffsetsMonths);
        const link = `${config.baseUrl}/handoffs/${handoffId}`;
        for (const m of await membersOf(w.trx, handoffId)) {
          await enqueueMail(w.trx, handedOffMail(m, { title: acc.title, operator: acc.operator_name, handedOffOn: form.data.handed_off_on, link }));
        }
        await w.audit({
          action: 'handoff.create',
          entityType: 'handoff',
          entityId: handoffId,
          details: { accompaniment_id: acc.id, relay_id: relay.id, members: form.data.member_ids, key_dates: form.keyDates.length, handed_off_on: form.data.handed_off_on, closed_out_on: closedOutOn, checkpoints_from: countFrom },
        });
        return handoffId;
      });
      flash(req, 'success', req.t('handoffs.created', { relay: relay.name }));
      res.redirect(`/handoffs/${id}`);
    } catch (err) {
      if (err instanceof DateRefused) return renderForm(req, res, 422, acc, values, dateRefusalError(req, err));
      if (err instanceof TransitionRefused) return renderForm(req, res, 422, acc, values, {}, req.t(err.reasonKey));
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
