import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { DateRefused, dateRefusalError, localToday, startOfLocalToday } from '../platform/dates';
import { parseForm, postedForm, type FieldErrors } from '../platform/forms';
import type { Deps } from '../platform/deps';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { acknowledge, remind } from './commands';
import { assemblePackage } from './package';
import { handoffPolicy, remindedToday } from './policy';
import { loadHandoff, ScopedHandoff } from './queries';
import { acknowledgeSchema } from './schemas';

/** The handoff package, its acknowledgement by the relay and the coordinator's reminders. */
export function registerHandoffPackageRoutes(app: Express, deps: Deps) {
  const { db, write, config } = deps;

  type AckForm = { values: { acknowledged_on: string }; errors: FieldErrors };
  const renderPackage = async (
    req: Request,
    res: Response,
    status: number,
    h: ScopedHandoff,
    remindError?: string,
    ack?: AckForm,
  ) => {
    const user = currentUser(req);
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
    authorize(handoffPolicy.read(currentUser(req), h, h));
    await renderPackage(req, res, 200, h);
  });

  app.post('/handoffs/:id/acknowledge', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const h = await loadHandoff(deps, req);
    authorize(handoffPolicy.acknowledge(user, h));
    // The day received, as chosen (today when the form sent none).
    const { acknowledged_on: posted } = postedForm(req);
    const values = { acknowledged_on: typeof posted === 'string' ? posted : localToday() };
    const form = parseForm(acknowledgeSchema, values, req.t);
    if (!form.ok) return renderPackage(req, res, 422, h, undefined, { values, errors: form.errors });
    const { acknowledged_on } = form.data;
    let done: boolean;
    try {
      done = await write(req, (w) =>
        acknowledge(w, h, acknowledged_on, { byName: user.name, baseUrl: config.baseUrl }),
      );
    } catch (err) {
      if (err instanceof DateRefused)
        return renderPackage(req, res, 422, h, undefined, { values, errors: dateRefusalError(req, err) });
      throw err;
    }
    flash(req, done ? 'success' : 'info', req.t(done ? 'handoffs.acknowledged' : 'handoffs.alreadyAcknowledged'));
    res.redirect(`/handoffs/${h.id}`);
  });

  app.post('/handoffs/:id/remind', requireLogin, async (req, res) => {
    const h = await loadHandoff(deps, req);
    authorize(handoffPolicy.remind(currentUser(req), h, h));
    const sent = await write(req, (w) => remind(w, h, startOfLocalToday(), config.baseUrl));
    if (!sent) return renderPackage(req, res, 429, await loadHandoff(deps, req), req.t('handoffs.remind.onceADay'));
    flash(req, 'success', req.t('handoffs.remind.sent'));
    res.redirect(`/handoffs/${h.id}`);
  });
}
