import { z } from 'zod';
import { happenedOn, localDayOf, refuseBefore } from '../platform/dates';
import type { Db, Trx } from '../platform/db';
import { choice } from '../platform/forms';
import { OTHER_CHANNELS } from './queries';
import type { ProgressReportRecipientsRow } from '../platform/db-tables';

/** How and when a funder without an e-mail address was told of a sent report. */
export const notifySchema = z.object({ channel: choice(OTHER_CHANNELS), notified_on: happenedOn() });
export type NotifyInput = z.output<typeof notifySchema>;

/** A recipient row of the report without an address (the only ones told another way), or undefined. */
export const findOtherRecipient = (db: Db | Trx, reportId: string, recipientId: string) =>
  db('progress_report_recipients as pr')
    .join('organisations as o', 'o.id', 'pr.funder_id')
    .where({ 'pr.id': recipientId, 'pr.report_id': reportId })
    .whereNull('pr.email')
    .first<
      { id: string; funder_name: string; notified_channel: string | null; notified_on: string | null } | undefined
    >('pr.id', 'o.name as funder_name', 'pr.notified_channel', 'pr.notified_on');

export class NotAnOtherRecipient extends Error {}

/**
 * Records how a funder without an e-mail address was told of a sent report, and on which day:
 * never before the report was sent (DateRefused on notified_on). A second record corrects the
 * first (the audit log keeps both). Answers what was there before.
 */
export async function recordOtherNotification(
  trx: Trx,
  report: { id: string; sent_at: Date | null },
  recipientId: string,
  input: NotifyInput,
  userId: string | null,
) {
  const row = await trx<ProgressReportRecipientsRow>('progress_report_recipients')
    .where({ id: recipientId, report_id: report.id })
    .whereNull('email')
    .forUpdate()
    .first('notified_channel', 'notified_on');
  if (!row) throw new NotAnOtherRecipient();
  if (report.sent_at)
    refuseBefore('notified_on', input.notified_on, localDayOf(report.sent_at), 'progressReports.notify.beforeSent');
  await trx('progress_report_recipients').where({ id: recipientId }).update({
    notified_channel: input.channel,
    notified_on: input.notified_on,
    notified_by: userId,
    notified_recorded_at: trx.fn.now(),
  });
  return { previous_channel: row.notified_channel, previous_on: row.notified_on };
}
