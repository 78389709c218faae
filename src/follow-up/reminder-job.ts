import type { Config } from '../config';
import { systemActor } from '../platform/audit';
import type { Db, Trx } from '../platform/db';
import { formatDate, Locale, translate } from '../platform/i18n';
import type { Logger } from '../platform/logger';
import { enqueueMail } from '../platform/mail/outbox';
import type { Writer } from '../platform/write';

export type ReminderDeps = { db: Db; write: Writer; config: Pick<Config, 'baseUrl'>; logger?: Logger };

type Due = { id: string; accompaniment_id: string; title: string; offset_months: number; due_on: string };

// Thrown inside the transaction when another run sent this reminder first: rolls back nothing
// (nothing was written yet) and keeps the "every write is audited" rule of deps.write.
class AlreadySent extends Error {}

const ACTOR = systemActor('job:checkpoint-reminders');

/**
 * The daily job: one reminder per checkpoint that fell due and is not recorded, to the relay
 * users named in the handoff and to the coordinator. Each checkpoint is claimed with a
 * conditional update in the transaction that queues its mails, so a second run, or two runs at
 * once, send nothing more. Returns the number of checkpoints reminded.
 */
export async function runCheckpointReminders(deps: ReminderDeps, today: string): Promise<number> {
  const due: Due[] = await deps
    .db('follow_up_checkpoints as fc')
    .join('accompaniments as a', 'a.id', 'fc.accompaniment_id')
    .whereNull('fc.recorded_at')
    .whereNull('fc.reminder_sent_at')
    .where('fc.due_on', '<=', today)
    .orderBy('fc.id')
    .select('fc.id', 'fc.accompaniment_id', 'a.title', 'fc.offset_months', 'fc.due_on');
  let sent = 0;
  for (const cp of due) {
    try {
      await deps.write(ACTOR, async (w) => {
        const claimed = await w
          .trx('follow_up_checkpoints')
          .where({ id: cp.id })
          .whereNull('reminder_sent_at')
          .whereNull('recorded_at')
          .update({ reminder_sent_at: w.trx.fn.now() })
          .returning<{ id: string }[]>('id');
        if (!claimed.length) throw new AlreadySent();
        const recipients = await recipientsOf(w.trx, cp.accompaniment_id);
        for (const r of recipients) {
          await enqueueMail(w.trx, reminderMail(r.locale, r.email, cp, `${deps.config.baseUrl}/checkpoints/${cp.id}`));
        }
        await w.audit({
          action: 'follow_up.reminder',
          entityType: 'follow_up_checkpoint',
          entityId: cp.id,
          details: { accompaniment_id: cp.accompaniment_id, due_on: cp.due_on, to: recipients.map((r) => r.email) },
        });
      });
      sent++;
    } catch (err) {
      if (!(err instanceof AlreadySent)) throw err;
    }
  }
  if (sent) deps.logger?.info({ sent, today }, 'follow-up checkpoint reminders queued');
  return sent;
}

type Recipient = { email: string; locale: Locale };

/** The relay users named in the handoff and the case's coordinator, active accounts only, once each. */
async function recipientsOf(trx: Trx, accompanimentId: string): Promise<Recipient[]> {
  const rows: Recipient[] = await trx('users as u')
    .where('u.status', 'active')
    .where((q) =>
      q
        .whereIn(
          'u.id',
          trx('handoff_members as hm')
            .join('handoffs as h', 'h.id', 'hm.handoff_id')
            .where('h.accompaniment_id', accompanimentId)
            .select('hm.user_id'),
        )
        .orWhereIn(
          'u.id',
          trx('accompaniments').where('id', accompanimentId).whereNotNull('coordinator_id').select('coordinator_id'),
        ),
    )
    .orderBy('u.email')
    .distinct('u.email', 'u.locale');
  return rows;
}

function reminderMail(locale: Locale, to: string, cp: Due, link: string) {
  const params = { title: cp.title, months: cp.offset_months, date: formatDate(locale, cp.due_on), link };
  return {
    to,
    kind: 'follow_up_reminder',
    subject: translate(locale, 'followUp.mail.reminder.subject', params),
    text: translate(locale, 'followUp.mail.reminder.text', params),
  };
}
