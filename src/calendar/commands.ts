/** Sending a session's invitations, callable from a route, a job or the CLI (a write context and plain data). */
import type { MessageKey } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';
import type { WriteContext } from '../platform/write';
import { CalendarSession, Person, sessionEnd } from './ics';
import { invitationMail } from './mails';
import type { Invitee } from './queries';

/** Why nothing can be sent: nobody invited, or nobody invited with an address. */
export const invitationRefusal = (invitees: Invitee[]): MessageKey | null =>
  !invitees.length
    ? 'calendar.invitations.noInvitees'
    : !invitees.some((i) => i.email)
      ? 'calendar.invitations.none'
      : null;

/**
 * E-mails the invitation (text + the event as METHOD:REQUEST) through the outbox to every invitee
 * with an address, one mail per address even when a person is on the list twice (as a user and a
 * contact), and marks them as invited. Says how many were sent, how many have no address, and
 * whether the session is already over.
 */
export async function sendInvitations(
  w: WriteContext,
  session: CalendarSession & { accompaniment_id: string },
  m: { invitees: Invitee[]; sender: Person; operator: string; baseUrl: string; now?: Date },
) {
  const withAddress = m.invitees.filter((i) => i.email);
  const byAddress = new Map<string, Invitee>();
  for (const i of withAddress) if (!byAddress.has(i.email!.toLowerCase())) byAddress.set(i.email!.toLowerCase(), i);
  const missing = m.invitees.length - withAddress.length;
  const past = sessionEnd(session).getTime() < (m.now ?? new Date()).getTime();
  for (const i of byAddress.values()) {
    const mail = invitationMail({
      to: { name: i.name, email: i.email! },
      locale: i.locale,
      hasAccount: i.hasAccount,
      session,
      sender: m.sender,
      operator: m.operator,
      baseUrl: m.baseUrl,
    });
    await enqueueMail(w.trx, mail);
  }
  await w
    .trx('session_attendees')
    .whereIn(
      'id',
      withAddress.map((i) => i.id),
    )
    .update({ invitation_sent_at: w.trx.fn.now() });
  await w.audit({
    action: 'session.invitations_sent',
    entityType: 'session',
    entityId: session.id,
    details: { accompaniment_id: session.accompaniment_id, sent: byAddress.size, without_address: missing, past },
  });
  return { sent: byAddress.size, missing, past };
}
