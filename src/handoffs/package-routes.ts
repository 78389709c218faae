import type { Express, Request, Response } from 'express';
import { startOfLocalToday as startOfToday } from '../platform/dates';
import { requireLogin } from '../platform/auth/guards';
import { DateRefused, dateRefusalError, localToday, refuseBefore } from '../platform/dates';
import { type FieldErrors, parseForm } from '../platform/forms';
import type { Deps } from '../platform/deps';
import { enqueueMail } from '../platform/mail/outbox';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { acknowledgedMail, reminderMail } from './mails';
import { assemblePackage } from './package';
import { handoffPolicy, remindedToday } from './policy';
import { loadHandoff, membersOf, ScopedHandoff } from './queries';
import { acknowledgeSchema } from './schemas';
import { caseUrl } from '../accompaniments/tabs';

/** The handoff package, its acknowledgement by the relay and the coordinator's reminders. */
export function registerHandoffPackageRoutes(app: Express, deps: Deps) {
  const { db, write, config } = deps;

  type AckForm = { values: { acknowledged_on: string }; errors: FieldErrors };
  const renderPackage = async (req: Request, res: Response, status: number, h: ScopedHandoff, remindError?: string, ack?: AckForm) => {
    const user = req.user!;
    res.status(status).render('handoffs/show', {
      title: req.t('handoffs.package.title', { title: h.title }),
      h,
      pkg: await assemblePackage(db, h),
      canAcknowledge: handoffPolicy.acknowledge(user, h) && !h.acknowledged_at,
      canRemind: handoffPolicy.remind(user, h, h),
      remindedToday: remindedToday(h),
      remindError: remindError ?? null,
      ack: ack ?? { values: { acknowledged_on: localToday() }, errors: {} },
      today: localToday(),
    });
  };

  app.get('/handoffs/:id', requireLogin, async (req, res) => {
    const h = await loadHandoff(deps, req);
    authorize(handoffPolicy.read(req.user!, h, h));
    await renderPackage(req, res, 200, h);
  });

  app.post('/handoffs/:id/acknowledge', requireLogin, async (req, res) => {
    const user = req.user!;
    const h = await loadHandoff(deps, req);
    authorize(handoffPolicy.acknowledge(user, h));
    // The day received, as chosen (today when the form sent none).
    const values = { acknowledged_on: typeof req.body?.acknowledged_on === 'string' ? req.body.acknowledged_on : localToday() };
    const form = parseForm(acknowledgeSchema, values, req.t);
    if (!form.ok) return renderPackage(req, res, 422, h, undefined, { values, errors: form.errors });
    const { acknowledged_on } = form.data;
    let done: boolean;
    try {
      done = await write(req, async (w) => {
        // Received on or after the day it was handed over.
        refuseBefore('acknowledged_on', acknowledged_on, h.handed_off_on, 'handoffs.dates.ackBeforeHandoff');
        // Conditional: two relay users clicking together acknowledge once.
        const updated = await w.trx('handoffs').where({ id: h.id }).whereNull('acknowledged_at').update({ acknowledged_at: w.trx.fn.now(), acknowledged_on, acknowledged_by: user.id, updated_at: w.trx.fn.now() }).returning('id');
        if (updated.length) {
          // The case's coordinator, or whoever handed it over when the case has none.
          const to = h.coordinator_id ?? h.handed_off_by;
          const coordinator = to ? await w.trx('users').where({ id: to, status: 'active' }).first('email', 'locale') : null;
          if (coordinator) {
            await enqueueMail(w.trx, acknowledgedMail(coordinator, { title: h.title, relay: h.relay_name, by: user.name, link: `${config.baseUrl}${caseUrl(h.accompaniment_id, 'handoffs')}` }));
          }
        }
        await w.audit({ action: updated.length ? 'handoff.acknowledge' : 'handoff.acknowledge_duplicate', entityType: 'handoff', entityId: h.id, details: { accompaniment_id: h.accompaniment_id, acknowledged_on } });
        return updated.length > 0;
      });
    } catch (err) {
      if (err instanceof DateRefused) return renderPackage(req, res, 422, h, undefined, { values, errors: dateRefusalError(req, err) });
      throw err;
    }
    flash(req, done ? 'success' : 'info', req.t(done ? 'handoffs.acknowledged' : 'handoffs.alreadyAcknowledged'));
    res.redirect(`/handoffs/${h.id}`);
  });

  app.post('/handoffs/:id/remind', requireLogin, async (req, res) => {
    const h = await loadHandoff(deps, req);
    authorize(handoffPolicy.remind(req.user!, h, h));
    const since = startOfToday();
    const sent = await write(req, async (w) => {
      // The conditional update is the once-a-day limit, even for two clicks at the same time.
      const updated = await w
        .trx('handoffs')
        .where({ id: h.id })
        .whereNull('acknowledged_at')
        .where((q) => q.whereNull('last_reminded_at').orWhere('last_reminded_at', '<', since))
        .update({ last_reminded_at: w.trx.fn.now(), reminder_count: w.trx.raw('reminder_count + 1'), updated_at: w.trx.fn.now() })
        .returning('id');
      const members = updated.length ? await membersOf(w.trx, h.id) : [];
      for (const m of members) {
        await enqueueMail(w.trx, reminderMail(m, { title: h.title, handedOffOn: h.handed_off_on, link: `${config.baseUrl}/handoffs/${h.id}` }));
      }
      await w.audit({ action: updated.length ? 'handoff.remind' : 'handoff.remind_refused', entityType: 'handoff', entityId: h.id, details: { accompaniment_id: h.accompaniment_id, to: members.map((m) => m.email) } });
      return updated.length > 0;
    });
    if (!sent) return renderPackage(req, res, 429, await loadHandoff(deps, req), req.t('handoffs.remind.onceADay'));
    flash(req, 'success', req.t('handoffs.remind.sent'));
    res.redirect(`/handoffs/${h.id}`);
  });
}
