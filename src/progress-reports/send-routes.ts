import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { frozenPdf, retryDelivery, sendRefusal, UnknownRecipient } from './commands';
import { storeAndSend } from './documents';
import { isFrozen, ReportRefused } from './lifecycle';
import { reportPolicy } from './policy';
import { refuseFrozen } from './frozen';
import { loadReport, reportRecipients } from './queries';
import { postedForm } from '../platform/forms';

/**
 * Sending freezes a draft: its PDF is rendered once, stored as a document with its SHA-256, and
 * one mail per funder address carries it, all in the transaction that marks the report sent
 * (commands.ts). Deliveries are then followed on the report page, and a failed one can be sent again.
 */
export function registerReportSendRoutes(app: Express, deps: Deps) {
  const { db, write, storage, config } = deps;

  const loadForSending = async (req: Request) => {
    const loaded = await loadReport(deps, req);
    authorize(reportPolicy.manage(currentUser(req), loaded.acc));
    return loaded;
  };

  const renderConfirm = async (
    req: Request,
    res: Response,
    status: number,
    loaded: Awaited<ReturnType<typeof loadReport>>,
    error?: string,
  ) => {
    const { recipients, withoutAddress } = await reportRecipients(db, loaded.acc.id);
    res.status(status).render('progress-reports/send', {
      title: req.t('progressReports.send.title'),
      ...loaded,
      recipients,
      withoutAddress,
      error: error ?? (recipients.length || withoutAddress.length ? null : req.t('progressReports.send.noRecipient')),
    });
  };

  /** A refused send: nobody to send it to is 422 (the page says so by itself), a report sent or changed meanwhile 409. */
  const renderRefused = async (req: Request, res: Response, key: ReportRefused['key']) =>
    key === 'progressReports.send.noRecipient'
      ? renderConfirm(req, res, 422, await loadReport(deps, req))
      : renderConfirm(req, res, 409, await loadReport(deps, req), req.t(key));

  app.get('/reports/:id/send', requireLogin, async (req, res) => {
    const loaded = await loadForSending(req);
    if (isFrozen(loaded.report)) return refuseFrozen(req, res, loaded.report);
    const { recipients, withoutAddress } = await reportRecipients(db, loaded.acc.id);
    await renderConfirm(req, res, recipients.length || withoutAddress.length ? 200 : 422, loaded);
  });

  app.post('/reports/:id/send', requireLogin, async (req, res) => {
    const { report, acc } = await loadForSending(req);
    const refused = await sendRefusal(db, report, acc.id, postedForm(req).lock_version);
    if (refused) return renderRefused(req, res, refused);
    const frozen = await frozenPdf(db, acc, report, req.t('progressReports.pdf.filename', { id: report.id }));
    let count: number;
    try {
      const sending = { onDate: localToday(), baseUrl: config.baseUrl };
      count = await storeAndSend({ storage, write }, req, report, acc, frozen, sending);
    } catch (err) {
      if (err instanceof ReportRefused) return renderRefused(req, res, err.key);
      throw err;
    }
    const done = count ? req.t('progressReports.send.done', { count }) : req.t('progressReports.send.frozenOnly');
    flash(req, 'success', done);
    res.redirect(`/reports/${report.id}`);
  });

  // "Renvoyer": a failed (or retrying) mail goes back to the queue for an attempt right now.
  app.post('/reports/:id/recipients/:recipientId/retry', requireLogin, async (req, res) => {
    const { report, acc } = await loadForSending(req);
    const { recipientId } = req.params;
    if (!isId(recipientId)) throw notFound();
    try {
      const email = await write(req, (w) => retryDelivery(w, report, acc.id, recipientId));
      flash(req, 'success', req.t('progressReports.delivery.retried', { email }));
    } catch (err) {
      if (err instanceof UnknownRecipient) throw notFound();
      if (!(err instanceof ReportRefused)) throw err;
      flash(req, 'info', req.t(err.key));
    }
    res.redirect(`/reports/${report.id}#delivery`);
  });
}
