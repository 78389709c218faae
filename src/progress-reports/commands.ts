import { createHash } from 'node:crypto';
import type { Db } from '../platform/db';
import { translate, type MessageKey } from '../platform/i18n';
import { enqueueMail, requeueMail } from '../platform/mail/outbox';
import type { Upload } from '../platform/uploads';
import type { WriteContext } from '../platform/write';
import { buildReportContent, type ReportAccompaniment, type ReportContent } from './content';
import { applyReportTransition, findReportTransition, ReportRefused } from './lifecycle';
import { NotifyInput, recordOtherNotification } from './notify';
import { renderReportPdf } from './pdf';
import { insertReport, reportRecipients, type ReportRow, updateReport } from './queries';
import type { ReportInput } from './schemas';
import type { Id } from '../platform/id';

/**
 * What happens to a progress report, callable from a route, a job or the CLI: each command takes
 * the write context (transaction, actor, audit) and plain data. Refusals are ReportRefused (a
 * French reason, src/progress-reports/lifecycle.ts) or DateRefused (a day, next to its field).
 */

type Case = { id: string; title: string; operator_name: string };

export async function createReport(w: WriteContext, accompanimentId: string, input: ReportInput, userId: string) {
  const id = await insertReport(w.trx, accompanimentId, input, userId);
  await w.audit({
    action: 'progress_report.create',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { report_id: id, milestone: input.milestone, title: input.title },
  });
  return id;
}

/** Saves a draft at the version the form showed: refused (ReportRefused, nothing written) when it changed or was sent meanwhile. */
export async function saveDraft(
  w: WriteContext,
  report: { id: string; accompaniment_id: string },
  lockVersion: number,
  input: ReportInput,
) {
  if (!Number.isInteger(lockVersion) || !(await updateReport(w.trx, report.id, lockVersion, input)))
    throw new ReportRefused('progressReports.conflict');
  await w.audit({
    action: 'progress_report.update',
    entityType: 'accompaniment',
    entityId: report.accompaniment_id,
    details: { report_id: report.id, milestone: input.milestone, title: input.title },
  });
}

/**
 * Why sending is refused before anything is drawn (the send re-checks all of it under lock):
 * already sent, changed since the page was shown, or no funder to send it to. Null: go ahead.
 */
export async function sendRefusal(
  db: Db,
  report: Pick<ReportRow, 'status' | 'lock_version'>,
  accompanimentId: string,
  postedLockVersion: unknown,
): Promise<MessageKey | null> {
  if (!findReportTransition(report.status, 'sent')) return 'progressReports.send.already';
  if (String(postedLockVersion) !== String(report.lock_version)) return 'progressReports.send.changed';
  const { recipients, withoutAddress } = await reportRecipients(db, accompanimentId);
  return recipients.length || withoutAddress.length ? null : 'progressReports.send.noRecipient';
}

/** The frozen PDF of a report as of its day, from the record: what sending stores and mails. */
export async function frozenPdf(
  db: Db,
  acc: ReportAccompaniment,
  report: Pick<ReportRow, 'period_end' | 'title' | 'milestone' | 'next_steps' | 'risks' | 'comment'>,
  filename: string,
) {
  const content = await buildReportContent(db, acc, report.period_end);
  const buffer = await renderReportPdf(content, report, { draft: false });
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const upload: Upload = { buffer, filename, mimeType: 'application/pdf', size: buffer.length, sha256 };
  return { content, upload };
}

/**
 * Sends a draft, in the transaction that stored its PDF (`documentId`): the report moves to sent
 * with its snapshot (draft → sent in the table: locked, at the version the user saw, the case
 * has funders), one mail per funder address carries the PDF, and each funder without an address
 * is a recipient too (the report's page asks how it was told). Answers how many mails were queued.
 */
export async function sendReport(
  w: WriteContext,
  report: Pick<ReportRow, 'id' | 'title' | 'lock_version'>,
  acc: Case,
  frozen: { content: ReportContent; documentId: string; sha256: string; onDate: string; baseUrl: string },
) {
  const { documentId, sha256 } = frozen;
  const { recipients, withoutAddress } = await reportRecipients(w.trx, acc.id);
  const set = {
    content: JSON.stringify(frozen.content),
    document_id: documentId,
    sha256,
    sent_at: w.trx.fn.now(),
    sent_by: w.actor.userId,
  };
  await applyReportTransition(w.trx, report.id, 'sent', {
    actorId: w.actor.userId,
    onDate: frozen.onDate,
    lockVersion: report.lock_version,
    set,
  });
  const link = `${frozen.baseUrl}/reports/${report.id}`;
  for (const r of recipients) {
    const outboxId = await enqueueMail(w.trx, {
      to: r.email,
      kind: 'progress_report',
      subject: translate(r.locale, 'progressReports.mail.subject', { title: acc.title }),
      text: translate(r.locale, 'progressReports.mail.text', {
        report: report.title,
        title: acc.title,
        operator: acc.operator_name,
        link,
        sha256,
      }),
      attachmentDocumentId: documentId,
    });
    await w
      .trx('progress_report_recipients')
      .insert({ report_id: report.id, funder_id: r.funder_id, email: r.email, outbox_id: outboxId });
  }
  for (const f of withoutAddress)
    await w.trx('progress_report_recipients').insert({ report_id: report.id, funder_id: f.funder_id, email: null });
  await w.audit({
    action: 'progress_report.send',
    entityType: 'accompaniment',
    entityId: acc.id,
    details: {
      report_id: report.id,
      document_id: documentId,
      sha256,
      recipients: recipients.map((r) => r.email),
      without_email: withoutAddress.map((f) => f.funder_name),
    },
  });
  return recipients.length;
}

/** The report has no recipient of that id with a mail. */
export class UnknownRecipient extends Error {}

/**
 * « Renvoyer »: a failed (or retrying) mail of a sent report goes back to the queue for an attempt
 * right now. Answers the address; refused (ReportRefused) when that mail is not to be retried.
 */
export async function retryDelivery(
  w: WriteContext,
  report: { id: string },
  accompanimentId: string,
  recipientId: string,
) {
  const row = await w
    .trx('progress_report_recipients as pr')
    .join('outbox as m', 'm.id', 'pr.outbox_id')
    .where({ 'pr.id': recipientId, 'pr.report_id': report.id })
    .forUpdate()
    .first<{ email: string; id: Id; status: string; attempts: number; last_error: string | null } | undefined>(
      'pr.email',
      'm.id',
      'm.status',
      'm.attempts',
      'm.last_error',
    );
  if (!row) throw new UnknownRecipient();
  if (!(row.status === 'failed' || (row.status === 'pending' && row.last_error)))
    throw new ReportRefused('progressReports.delivery.notRetriable');
  await requeueMail(w.trx, row);
  await w.audit({
    action: 'progress_report.retry',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: {
      report_id: report.id,
      outbox_id: row.id,
      email: row.email,
      attempts: row.attempts,
      last_error: row.last_error,
    },
  });
  return String(row.email);
}

/** How and when a funder without an e-mail address was told of a sent report (notify.ts), audited. */
export async function recordNotification(
  w: WriteContext,
  report: { id: string; sent_at: Date | null },
  accompanimentId: string,
  recipient: { id: string; funder_name: string },
  input: NotifyInput,
) {
  const previous = await recordOtherNotification(w.trx, report, recipient.id, input, w.actor.userId);
  await w.audit({
    action: 'progress_report.notified_other',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { report_id: report.id, recipient_id: recipient.id, funder: recipient.funder_name, ...input, ...previous },
  });
}
