import { formatDate, Locale, translate } from '../platform/i18n';
import type { OutgoingMail } from '../platform/mail/outbox';

type To = { email: string; locale: Locale };
type Common = { title: string; link: string };

/** To each relay user named: the follow-up of the case is theirs now, with the package's link. */
export function handedOffMail(to: To, m: Common & { operator: string; handedOffOn: string }): OutgoingMail {
  return {
    to: to.email,
    kind: 'handoff_new',
    subject: translate(to.locale, 'handoffs.mail.new.subject', { title: m.title }),
    text: translate(to.locale, 'handoffs.mail.new.text', {
      title: m.title,
      operator: m.operator,
      date: formatDate(to.locale, m.handedOffOn),
      link: m.link,
    }),
  };
}

/** To each relay user named, when the coordinator reminds them to acknowledge receipt. */
export function reminderMail(to: To, m: Common & { handedOffOn: string }): OutgoingMail {
  return {
    to: to.email,
    kind: 'handoff_reminder',
    subject: translate(to.locale, 'handoffs.mail.reminder.subject', { title: m.title }),
    text: translate(to.locale, 'handoffs.mail.reminder.text', {
      title: m.title,
      date: formatDate(to.locale, m.handedOffOn),
      link: m.link,
    }),
  };
}

/** To the coordinator of the case once the relay acknowledged receipt. */
export function acknowledgedMail(to: To, m: Common & { relay: string; by: string }): OutgoingMail {
  return {
    to: to.email,
    kind: 'handoff_acknowledged',
    subject: translate(to.locale, 'handoffs.mail.acknowledged.subject', { title: m.title }),
    text: translate(to.locale, 'handoffs.mail.acknowledged.text', {
      title: m.title,
      relay: m.relay,
      by: m.by,
      link: m.link,
    }),
  };
}
