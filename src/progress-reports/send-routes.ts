import { createHash } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { translate } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';
import { authorize } from '../platform/policy';
import { storeDocument } from '../platform/storage/documents';
import type { Upload } from '../platform/uploads';
import { flash } from '../platform/views';
import { buildReportContent } from './content';
import { renderReportPdf } from './pdf';
import { reportPolicy } from './policy';
import { refuseFrozen } from './frozen';
import { lockReport, loadReport, REPORT_PURPOSE, reportRecipients } from './queries';

class AlreadySent extends Error {}
class Changed extends Error {}
class NoRecipient extends Error {}
class NotRetriable extends Error {}

/**
 * Sending freezes a draft: its PDF is rendered once, stored as a document with its SHA-256, and
 * one mail per funder address carries it, all in the transaction that marks the report sent.
 * Deliveries are then followed on the report page, and a failed one can be sent again.
 */
export function registerReportSendRoutes(app: Express, deps: Deps) {
  const { db, write, storage, config } = deps;

  const loadForSending = async (req: Request) => {
    const loaded = await loadReport(deps, req);
    authorize(reportPolicy.manage(req.user!, loaded.acc));
    return loaded;
  };

  const renderConfirm = async (req: Request, res: Response, status: number, loaded: Awaited<ReturnType<typeof loadReport>>, error?: string) => {
    const { recipients, withoutAddress } = await reportRecipients(db, loaded.acc.id);
    res.status(status).render('progress-reports/send', {
      title: req.t('progressReports.send.title'),
      ...loaded,
      recipients,
      withoutAddress,
      error: error ?? (recipients.length || withoutAddress.length ? null : req.t('progressReports.send.noRecipient')),
    });
  };

  app.get('/reports/:id/send', requireLogin, async (req, res) => {
    const loaded = await loadForSending(req);
    if (loaded.report.status === 'sent') return refuseFrozen(req, res, loaded.report);
    const { recipients, withoutAddress } = await reportRecipients(db, loaded.acc.id);
    await renderConfirm(req, res, recipients.length || withoutAddress.length ? 200 : 422, loaded);
  });

  app.post('/reports/:id/send', requireLogin, async (req, res) => {
    const loaded = await loadForSending(req);
    const { report, acc } = loaded;
    if (report.status === 'sent') return renderConfirm(req, res, 409, loaded, req.t('progressReports.send.already'));
    if (String(req.body?.lock_version) !== String(report.lock_version)) return renderConfirm(req, res, 409, loaded, req.t('progressReports.send.changed'));
    const pre = await reportRecipients(db, acc.id);
    // A report goes to the case's funders: by e-mail, or told another way when they have no address.
    if (!pre.recipients.length && !pre.withoutAddress.length) return renderConfirm(req, res, 422, loaded);

    const content = await buildReportContent(db, acc, report.period_end);
    const buffer = await renderReportPdf(content, report, { draft: false });
    const sha256 = createHash('sha256').update(buffer).digest('hex');
    const filename = req.t('progressReports.pdf.filename', { id: report.id });
    const upload: Upload = { buffer, filename, mimeType: 'application/pdf', size: buffer.length, sha256 };
    let count = 0;
    try {
      await storeDocument({ storage, write }, req, { accompanimentId: acc.id, purpose: REPORT_PURPOSE, upload }, undefined, async (trx, documentId, w) => {
        // Locked and read again: of two clicks on "send", the second finds it sent and adds nothing.
        const current = await lockReport(trx, report.id);
        if (!current || current.status !== 'draft') throw new AlreadySent();
        if (current.lock_version !== report.lock_version) throw new Changed();
        const { recipients, withoutAddress } = await reportRecipients(trx, acc.id);
        if (!recipients.length && !withoutAddress.length) throw new NoRecipient();
        await trx('progress_reports')
          .where({ id: report.id })
          .update({ status: 'sent', content: JSON.stringify(content), document_id: documentId, sha256, sent_at: trx.fn.now(), sent_by: req.user!.id, lock_version: current.lock_version + 1, updated_at: trx.fn.now() });
        const link = `${config.baseUrl}/reports/${report.id}`;
        for (const r of recipients) {
          const outboxId = await enqueueMail(trx, {
            to: r.email,
            kind: 'progress_report',
            subject: translate('fr', 'progressReports.mail.subject', { title: acc.title }),
            text: translate('fr', 'progressReports.mail.text', { report: report.title, title: acc.title, operator: acc.operator_name, link, sha256 }),
            attachmentDocumentId: documentId,
          });
          await trx('progress_report_recipients').insert({ report_id: report.id, funder_id: r.funder_id, email: r.email, outbox_id: outboxId });
        }
        // A funder without an address is a recipient too: the report's page asks how it was told.
        for (const f of withoutAddress) await trx('progress_report_recipients').insert({ report_id: report.id, funder_id: f.funder_id, email: null });
        count = recipients.length;
        await w.audit({
          action: 'progress_report.send',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { report_id: report.id, document_id: documentId, sha256, recipients: recipients.map((r) => r.email), without_email: withoutAddress.map((f) => f.funder_name) },
        });
      });
    } catch (err) {
      const fresh = async () => loadReport(deps, req);
      if (err instanceof AlreadySent) return renderConfirm(req, res, 409, await fresh(), req.t('progressReports.send.already'));
      if (err instanceof Changed) return renderConfirm(req, res, 409, await fresh(), req.t('progressReports.send.changed'));
      if (err instanceof NoRecipient) return renderConfirm(req, res, 422, await fresh());
      throw err;
    }
    flash(req, 'success', count ? req.t('progressReports.send.done', { count }) : req.t('progressReports.send.frozenOnly'));
    res.redirect(`/reports/${report.id}`);
  });

  // "Renvoyer": a failed (or retrying) mail goes back to the queue for an attempt right now.
  app.post('/reports/:id/recipients/:recipientId/retry', requireLogin, async (req, res) => {
    const { report, acc } = await loadForSending(req);
    const recipientId = req.params.recipientId;
    if (!isId(recipientId)) throw notFound();
    const retried = await write(req, async (w) => {
      const row = await w.trx('progress_report_recipients as pr').join('outbox as m', 'm.id', 'pr.outbox_id').where({ 'pr.id': recipientId, 'pr.report_id': report.id }).forUpdate().first('pr.email', 'm.id', 'm.status', 'm.attempts', 'm.last_error');
      if (!row) throw notFound();
      if (!(row.status === 'failed' || (row.status === 'pending' && row.last_error))) throw new NotRetriable();
      await w.trx('outbox').where({ id: row.id }).update({ status: 'pending', attempts: 0, next_attempt_at: w.trx.fn.now(), claimed_at: null });
      await w.audit({ action: 'progress_report.retry', entityType: 'accompaniment', entityId: acc.id, details: { report_id: report.id, outbox_id: String(row.id), email: row.email, attempts: row.attempts, last_error: row.last_error } });
      return String(row.email);
    }).catch((err: unknown) => {
      if (err instanceof NotRetriable) return null;
      throw err;
    });
    flash(req, retried ? 'success' : 'info', retried ? req.t('progressReports.delivery.retried', { email: retried }) : req.t('progressReports.delivery.notRetriable'));
    res.redirect(`/reports/${report.id}#delivery`);
  });
}
