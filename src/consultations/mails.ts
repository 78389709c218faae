import { formatEuros, formatNumber, Locale, translate } from '../platform/i18n';
import type { OutgoingMail } from '../platform/mail/outbox';

type ResultMail = {
  to: string;
  locale: Locale;
  selected: boolean;
  title: string;
  operator: string;
  /** The recipient's own proposal; nothing about the other bidders ever goes into the text. */
  days: string | null;
  price: string | null;
};

/** The result notice every bidder receives once a provider is selected. */
export function resultMail(m: ResultMail): OutgoingMail {
  const params = {
    title: m.title,
    operator: m.operator,
    days: m.days === null ? '—' : formatNumber(m.locale, m.days),
    price: m.price === null ? '—' : formatEuros(m.locale, m.price),
  };
  return {
    to: m.to,
    kind: m.selected ? 'consultation_selected' : 'consultation_not_selected',
    subject: translate(m.locale, 'consultations.mail.subject', { title: m.title }),
    text: translate(m.locale, m.selected ? 'consultations.mail.selected' : 'consultations.mail.notSelected', params),
  };
}
