/** Convention reminder routes: reminding the parties yet to sign (once a day each) and the admin override of the delivery guard. */
import type { Express } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { parseForm, postedForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { overrideGuard, remindParties } from './reminder-commands';
import { conventionPolicy } from './policy';
import { currentConvention } from './queries';
import { auditOn, boardPath, renderBoard, str } from './route-helpers';
import { overrideSchema } from './schemas';
import { localToday, startOfLocalToday } from '../platform/dates';

/** Reminders to the parties and the admin override. */
export function registerConventionReminderRoutes(app: Express, deps: Deps) {
  const { db, write, config } = deps;

  app.post('/accompaniments/:id/convention/remind', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(conventionPolicy.remind(currentUser(req), acc));
    const current = await currentConvention(db, acc.id);
    if (!current) throw notFound();
    const since = startOfLocalToday();
    const result = await write(req, (w) =>
      remindParties(w.trx, acc, current, { since, baseUrl: config.baseUrl }, auditOn(w, acc.id)),
    );
    if (result.sent.length)
      flash(
        req,
        'success',
        req.t('conventions.remind.sent', { count: result.sent.length, names: result.sent.join(', ') }),
      );
    if (result.already.length)
      flash(req, 'info', req.t('conventions.remind.already', { names: result.already.join(', ') }));
    if (result.noAddress.length)
      flash(req, 'error', req.t('conventions.remind.noAddress', { names: result.noAddress.join(', ') }));
    if (!result.sent.length && !result.already.length && !result.noAddress.length)
      flash(req, 'info', req.t('conventions.remind.nobody'));
    res.redirect(boardPath(acc));
  });

  app.post('/accompaniments/:id/convention/override', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(conventionPolicy.override(user));
    const form = parseForm(overrideSchema, req.body, req.t);
    if (!form.ok)
      return renderBoard(deps, req, res, 422, acc, {
        overrideValues: { reason: str(postedForm(req).reason) },
        overrideErrors: form.errors,
      });
    const moved = await write(req, (w) =>
      overrideGuard(
        w.trx,
        acc,
        { reason: form.data.reason, userId: user.id, onDate: localToday() },
        auditOn(w, acc.id),
      ),
    );
    flash(req, 'success', req.t(moved ? 'conventions.override.moved' : 'conventions.override.recorded'));
    res.redirect(boardPath(acc));
  });
}
