/** Convention reminder routes: reminding the parties yet to sign (once a day each) and the admin override of the delivery guard. */
import type { Express } from 'express';
import { applyTransition } from '../accompaniments/lifecycle';
import { loadAccompaniment } from '../accompaniments/load';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { parseForm } from '../platform/forms';
import { enqueueMail } from '../platform/mail/outbox';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { reminderMail } from './mails';
import { conventionPolicy } from './policy';
import { boardOf, currentConvention, recipientsOf } from './queries';
import { boardPath, renderBoard, str } from './route-helpers';
import { overrideSchema, startOfToday, today } from './schemas';

/** Reminders to the parties and the admin override. */
export function registerConventionReminderRoutes(app: Express, deps: Deps) {
  const { db, write, config } = deps;

  // ---- reminders ------------------------------------------------------------------------------

  app.post('/accompaniments/:id/convention/remind', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(conventionPolicy.remind(req.user!, acc));
    const current = await currentConvention(db, acc.id);
    if (!current) throw notFound();
    const since = startOfToday();
    const result = await write(req, async (w) => {
      const board = await boardOf(w.trx, current.id);
      const sent: string[] = [];
      const already: string[] = [];
      const noAddress: string[] = [];
      // A structure that left the case is not chased for its signature.
      for (const p of board.filter((b) => !b.signed && !b.withdrawn_on)) {
        const to = (await recipientsOf(w.trx, p, acc)).map((r) => r.email);
        if (!to.length) {
          noAddress.push(p.name);
          continue;
        }
        // The conditional update is the once-a-day limit, even for two clicks at the same time.
        const updated = await w
          .trx('convention_parties')
          .where({ id: p.id })
          .where((q) => q.whereNull('last_reminded_at').orWhere('last_reminded_at', '<', since))
          .update({ last_reminded_at: w.trx.fn.now() })
          .returning('id');
        if (!updated.length) {
          already.push(p.name);
          continue;
        }
        await enqueueMail(w.trx, reminderMail({ to: [...new Set(to)], title: acc.title, party: p.name, version: current.version, issuedOn: current.issued_on, link: `${config.baseUrl}${boardPath(acc)}` }));
        sent.push(p.name);
      }
      await w.audit({ action: 'convention.remind', entityType: 'accompaniment', entityId: acc.id, details: { version: current.version, sent, already_today: already, no_address: noAddress } });
      return { sent, already, noAddress };
    });
    if (result.sent.length) flash(req, 'success', req.t('conventions.remind.sent', { count: result.sent.length, names: result.sent.join(', ') }));
    if (result.already.length) flash(req, 'info', req.t('conventions.remind.already', { names: result.already.join(', ') }));
    if (result.noAddress.length) flash(req, 'error', req.t('conventions.remind.noAddress', { names: result.noAddress.join(', ') }));
    if (!result.sent.length && !result.already.length && !result.noAddress.length) flash(req, 'info', req.t('conventions.remind.nobody'));
    res.redirect(boardPath(acc));
  });

  // ---- admin override of the delivery guard ------------------------------------------------

  app.post('/accompaniments/:id/convention/override', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = req.user!;
    authorize(conventionPolicy.override(user));
    const form = parseForm(overrideSchema, req.body, req.t);
    if (!form.ok) return renderBoard(deps, req, res, 422, acc, { overrideValues: { reason: str(req.body.reason) }, overrideErrors: form.errors });
    const moved = await write(req, async (w) => {
      const current = await currentConvention(w.trx, acc.id);
      await w.trx('convention_overrides').insert({ accompaniment_id: acc.id, convention_id: current?.id ?? null, reason: form.data.reason, decided_by: user.id });
      await w.audit({ action: 'convention.override', entityType: 'accompaniment', entityId: acc.id, details: { reason: form.data.reason, convention_id: current?.id ?? null, version: current?.version ?? null } });
      const state = await w.trx('accompaniments').where({ id: acc.id }).first('state');
      if (state.state !== 'convention') return false;
      const result = await applyTransition(w.trx, acc.id, 'delivery', { actorId: user.id, comment: form.data.reason, onDate: today() });
      await w.audit({ action: 'accompaniment.transition', entityType: 'accompaniment', entityId: acc.id, details: { ...result, comment: form.data.reason, override: true } });
      return true;
    });
    flash(req, 'success', req.t(moved ? 'conventions.override.moved' : 'conventions.override.recorded'));
    res.redirect(boardPath(acc));
  });
}
