import type { Trx } from '../platform/db';
import { formatAmount, formatDate, type Locale, type MessageKey, translate } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';

type To = { email: string; locale: Locale };

/** The active accounts of an organisation with a role: who is told. */
const accountsOf = (trx: Trx, organisationId: string, role: 'provider' | 'manager') =>
  trx('users')
    .where({ organisation_id: organisationId, role, status: 'active' })
    .orderBy('id')
    .select<To[]>('email', 'locale');

export type PaymentMail = {
  kind: 'order_issued' | 'invoice_received' | 'invoice_rejected' | 'invoice_paid';
  number: string;
  date: string;
  amount: string;
  link: string;
  reason?: string;
};

const KEYS: Record<PaymentMail['kind'], { subject: MessageKey; text: MessageKey }> = {
  order_issued: { subject: 'payments.mail.orderIssued.subject', text: 'payments.mail.orderIssued.text' },
  invoice_received: { subject: 'payments.mail.invoiceReceived.subject', text: 'payments.mail.invoiceReceived.text' },
  invoice_rejected: { subject: 'payments.mail.invoiceRejected.subject', text: 'payments.mail.invoiceRejected.text' },
  invoice_paid: { subject: 'payments.mail.invoicePaid.subject', text: 'payments.mail.invoicePaid.text' },
};

/**
 * Tells, through the outbox (in the transaction of the change: the mail exists if and only if the
 * change does), each active account of `organisationId` with `role`: the provider's accounts of an
 * order issued, an invoice rejected or paid; the operator's direction of an invoice received.
 */
export async function tell(trx: Trx, organisationId: string, role: 'provider' | 'manager', m: PaymentMail) {
  const keys = KEYS[m.kind];
  for (const to of await accountsOf(trx, organisationId, role)) {
    const params = {
      number: m.number,
      date: formatDate(to.locale, m.date),
      amount: formatAmount(to.locale, m.amount),
      link: m.link,
      reason: m.reason ?? '',
    };
    await enqueueMail(trx, {
      to: to.email,
      kind: `payments_${m.kind}`,
      subject: translate(to.locale, keys.subject, params),
      text: translate(to.locale, keys.text, params),
    });
  }
}
