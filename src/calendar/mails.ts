import { Locale, translate } from '../platform/i18n';
import type { OutgoingMail } from '../platform/mail/outbox';
import { addSessionEvent, buildCalendar, CalendarSession, formatDay, formatWhen, Person, sessionUrl } from './ics';

type InvitationMail = {
  to: Person;
  locale: Locale;
  /** People with a Jalons account get the link to the session page; contacts have none. */
  hasAccount: boolean;
  session: CalendarSession;
  sender: Person;
  operator: string;
  baseUrl: string;
};

/**
 * A session invitation: the details in the text, and the event as a METHOD:REQUEST calendar part
 * (same UID and SEQUENCE as the download and the feed) with the recipient as attendee.
 */
export function invitationMail(m: InvitationMail): OutgoingMail {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string>) => translate(m.locale, k, p);
  const s = m.session;
  const lines = [
    t('calendar.mail.greeting', { name: m.to.name }),
    '',
    t('calendar.mail.intro', { sender: m.sender.name, title: s.title, accompaniment: s.accompaniment_title }),
    '',
    t('calendar.mail.when', { when: formatWhen(m.locale, s) }),
  ];
  if (s.place) lines.push(t('calendar.mail.where', { place: s.place }));
  if (s.video_url) lines.push(t('calendar.mail.video', { url: s.video_url }));
  if (s.agenda?.trim()) lines.push('', t('calendar.mail.agenda'), s.agenda.trim().replace(/\r\n?/g, '\n'));
  if (m.hasAccount) lines.push('', t('calendar.mail.link', { url: sessionUrl(s.id, m.baseUrl) }));
  lines.push('', t('calendar.mail.attached'), '', t('calendar.mail.signature', { operator: m.operator }));

  const cal = buildCalendar({ method: 'REQUEST' });
  addSessionEvent(cal, s, {
    baseUrl: m.baseUrl,
    locale: m.locale,
    link: m.hasAccount,
    organizer: m.sender,
    attendee: m.to,
  });
  return {
    to: m.to.email,
    kind: 'session_invitation',
    subject: t('calendar.mail.subject', { title: s.title, date: formatDay(m.locale, s.starts_at) }),
    text: lines.join('\n'),
    icalEvent: cal.toString(),
  };
}
