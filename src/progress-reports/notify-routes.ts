import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { formErrorOf, parseForm, postedForm, type FieldErrors } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { recordNotification } from './commands';
import { isFrozen } from './lifecycle';
import { findOtherRecipient, NotAnOtherRecipient, notifySchema } from './notify';
import { reportPolicy } from './policy';
import { loadReport, OTHER_CHANNELS } from './queries';

/**
 * A sent report's funder without an e-mail address: the coordinator records how (phone, letter,
 * in person) and on which day it was told.
 */
export function registerReportNotifyRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  const load = async (req: Request) => {
    const loaded = await loadReport(deps, req);
    authorize(reportPolicy.manage(currentUser(req), loaded.acc));
    const recipientId = req.params.recipientId;
    if (!isFrozen(loaded.report) || !isId(recipientId)) throw notFound();
    const recipient = await findOtherRecipient(db, loaded.report.id, recipientId);
    if (!recipient) throw notFound();
    return { ...loaded, recipient };
  };
  type Loaded = Awaited<ReturnType<typeof load>>;

  const render = (
    req: Request,
    res: Response,
    status: number,
    loaded: Loaded,
    values: Record<string, unknown>,
    errors: FieldErrors,
  ) =>
    res.status(status).render('progress-reports/notify', {
      title: req.t('progressReports.notify.title', { funder: loaded.recipient.funder_name }),
      ...loaded,
      channels: OTHER_CHANNELS,
      values,
      errors,
      formError: formErrorOf(req.t, errors),
    });

  app.get('/reports/:id/recipients/:recipientId/notified', requireLogin, async (req, res) => {
    const loaded = await load(req);
    const r = loaded.recipient;
    render(
      req,
      res,
      200,
      loaded,
      { channel: r.notified_channel ?? '', notified_on: r.notified_on ?? localToday() },
      {},
    );
  });

  app.post('/reports/:id/recipients/:recipientId/notified', requireLogin, async (req, res) => {
    const loaded = await load(req);
    const form = parseForm(notifySchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, loaded, postedForm(req), form.errors);
    try {
      await write(req, (w) => recordNotification(w, loaded.report, loaded.acc.id, loaded.recipient, form.data));
    } catch (err) {
      if (err instanceof DateRefused) return render(req, res, 422, loaded, postedForm(req), dateRefusalError(req, err));
      if (err instanceof NotAnOtherRecipient) throw notFound();
      throw err;
    }
    flash(req, 'success', req.t('progressReports.notify.done', { funder: loaded.recipient.funder_name }));
    res.redirect(`/reports/${loaded.report.id}#delivery`);
  });
}
