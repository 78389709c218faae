import { formatDate, Locale, translate } from '../platform/i18n';
import type { OutgoingMail } from '../platform/mail/outbox';

type Common = { title: string; link: string };

/** Sent to every party's users when a new version voids the signatures already collected. */
export function newVersionMail(
  m: Common & { to: string; locale: Locale; oldVersion: number; version: number; voided: number },
): OutgoingMail {
  return {
    to: m.to,
    kind: 'convention_new_version',
    subject: translate(m.locale, 'conventions.mail.newVersion.subject', { title: m.title, version: m.version }),
    text: translate(m.locale, 'conventions.mail.newVersion.text', {
      title: m.title,
      version: m.version,
      old: m.oldVersion,
      count: m.voided,
      link: m.link,
    }),
  };
}

/** One reminder per party that has not signed yet (all its addresses in one mail). */
export function reminderMail(
  m: Common & { to: string[]; party: string; version: number; issuedOn: string },
): OutgoingMail {
  return {
    to: m.to.join(', '),
    kind: 'convention_reminder',
    subject: translate('fr', 'conventions.mail.reminder.subject', { title: m.title }),
    text: translate('fr', 'conventions.mail.reminder.text', {
      title: m.title,
      party: m.party,
      version: m.version,
      date: formatDate('fr', m.issuedOn),
      link: m.link,
    }),
  };
}

/** Sent to each party's users (the structures' and the provider's) when a version is issued with nothing to sign again. */
export function versionReadyMail(
  m: Common & { to: string; locale: Locale; version: number; issuedOn: string },
): OutgoingMail {
  const params = { title: m.title, version: m.version, date: formatDate(m.locale, m.issuedOn), link: m.link };
  return {
    to: m.to,
    kind: 'convention_issued',
    subject: translate(m.locale, 'notify.conventionIssued.subject', params),
    text: translate(m.locale, 'notify.conventionIssued.text', params),
  };
}
