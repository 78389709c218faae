/**
 * The yearly renewal reminder: once a listed provider's renewal falls due within RENEWAL_NOTICE_DAYS
 * (or is past due), the operator's direction is mailed through the outbox, once per listing period
 * (provider_profiles.renewal_reminder_sent_at, cleared when the provider is listed again: lifecycle.ts).
 *
 * Whose direction: the base is shared (one profile per provider), so the reminder goes to the active
 * managers of the operator whose staff last listed or renewed the provider (the actor of its latest
 * move into 'listed'); when nobody is known (a listing recorded by a job or the demo data), to the
 * managers of the operators whose département the provider serves. A provider with no such manager is
 * left unclaimed and tried again on the next run.
 */
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { ReminderDeps } from '../follow-up/reminder-job';
import { systemActor } from '../platform/audit';
import type { Db, Trx } from '../platform/db';
import { formatDate, type Locale, translate } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';

export const RENEWAL_NOTICE_DAYS = 30;

const ACTOR = systemActor('job:provider-renewal-reminders');

/** The last day a renewal may fall due on to be reminded today. */
export const renewalHorizon = (today: string) => format(addDays(parseISO(today), RENEWAL_NOTICE_DAYS), 'yyyy-MM-dd');

type Due = { id: string; name: string; renewal_due_on: string };

// Thrown inside the transaction when another run claimed the provider first (or nobody is to be told):
// nothing was written, and deps.write's "every write is audited" rule holds.
class NotClaimed extends Error {}

/** The listed providers whose renewal falls due by the horizon and who were not reminded yet. */
export const dueRenewals = (db: Db | Trx, today: string) =>
  db('provider_profiles as pp')
    .join('organisations as o', 'o.id', 'pp.organisation_id')
    .where({ 'pp.listing_status': 'listed', 'o.active': true })
    .whereNull('pp.renewal_reminder_sent_at')
    .whereNotNull('pp.renewal_due_on')
    .where('pp.renewal_due_on', '<=', renewalHorizon(today))
    .orderBy([{ column: 'pp.renewal_due_on' }, { column: 'o.id' }])
    .select<Due[]>('o.id', 'o.name', 'pp.renewal_due_on');

/** The daily job. Each provider is claimed by a conditional update in the transaction that queues its mails. */
export async function runProviderRenewalReminders(deps: ReminderDeps, today: string): Promise<number> {
  let sent = 0;
  for (const p of await dueRenewals(deps.db, today)) {
    try {
      await deps.write(ACTOR, async (w) => {
        const recipients = await recipientsOf(w.trx, p.id);
        if (!recipients.length) throw new NotClaimed();
        const claimed = await w
          .trx('provider_profiles')
          .where({ organisation_id: p.id })
          .where('listing_status', 'listed')
          .whereNull('renewal_reminder_sent_at')
          .update({ renewal_reminder_sent_at: w.trx.fn.now() })
          .returning<{ organisation_id: string }[]>('organisation_id');
        if (!claimed.length) throw new NotClaimed();
        const link = `${deps.config.baseUrl}/providers/${p.id}`;
        for (const r of recipients) await enqueueMail(w.trx, reminderMail(r.locale, r.email, p, link));
        await w.audit({
          action: 'provider.renewal_reminder',
          entityType: 'organisation',
          entityId: p.id,
          details: { provider: p.name, renewal_due_on: p.renewal_due_on, to: recipients.map((r) => r.email) },
        });
      });
      sent++;
    } catch (err) {
      if (!(err instanceof NotClaimed)) throw err;
    }
  }
  if (sent) deps.logger?.info({ sent, today }, 'provider renewal reminders queued');
  return sent;
}

type Recipient = { email: string; locale: Locale };

/** The direction to tell (see the file's comment), active accounts only, once each. */
async function recipientsOf(trx: Trx, providerId: string): Promise<Recipient[]> {
  const lister = await trx('provider_listing_transitions as t')
    .join('users as u', 'u.id', 't.actor_id')
    .join('organisations as op', 'op.id', 'u.organisation_id')
    .where({ 't.provider_id': providerId, 't.to_status': 'listed', 'op.kind': 'operator' })
    .orderBy([
      { column: 't.happened_on', order: 'desc' },
      { column: 't.id', order: 'desc' },
    ])
    .first<{ operator_id: string } | undefined>('u.organisation_id as operator_id');
  const managers = trx('users as u')
    .join('organisations as op', 'op.id', 'u.organisation_id')
    .where({ 'u.role': 'manager', 'u.status': 'active', 'op.kind': 'operator' })
    .orderBy('u.email')
    .distinct<Recipient[]>('u.email', 'u.locale');
  if (lister) managers.where('op.id', lister.operator_id);
  else
    managers.whereRaw(
      'op.department = any(select unnest(departments) from provider_profiles where organisation_id = ?)',
      [providerId],
    );
  return managers;
}

function reminderMail(locale: Locale, to: string, p: Due, link: string) {
  const params = { name: p.name, date: formatDate(locale, p.renewal_due_on), link };
  return {
    to,
    kind: 'provider_renewal_reminder',
    subject: translate(locale, 'providers.mail.renewal.subject', params),
    text: translate(locale, 'providers.mail.renewal.text', params),
  };
}
