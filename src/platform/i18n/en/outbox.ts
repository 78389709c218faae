import type { outboxFr } from '../fr/outbox';

/** English strings of the outbox area (same keys as the French file). */
export const outboxEn: Record<keyof typeof outboxFr, string> = {
  'outbox.title': 'Outbox',
  'outbox.smtpOn': 'Emails are sent through the configured SMTP server; failed sends are retried automatically.',
  'outbox.smtpOff': 'No SMTP server is configured (SMTP_URL): emails are kept here, so nothing is lost.',
  'outbox.empty': 'No messages.',
  'outbox.created': 'Created on',
  'outbox.to': 'Recipient',
  'outbox.subject': 'Subject',
  'outbox.lastError': 'Last error',
  'outbox.attempts': '({n, plural, one {# attempt} other {# attempts}})',
  'outbox.retry': 'Retry sending',
  'outbox.retried': 'The message has been put back in the send queue.',
  'outbox.status.pending': 'Pending',
  'outbox.status.sending': 'Sending',
  'outbox.status.sent': 'Sent',
  'outbox.status.failed': 'Failed',
  'outbox.status.unknown': 'Uncertain',
  'outbox.status.held': 'Waiting for the daily digest',
  'outbox.status.digested': 'Sent in a digest',
  'outbox.unknownExplained':
    'Sending this message was interrupted (the Jalons server stopped while sending): the mail server may already have accepted it. Jalons does not resend it by itself, so as not to send it twice. Check with the recipient whether it arrived; if not, resend it.',
  'outbox.resend': 'Resend',
  'outbox.messageId': 'Message ID',
};
