import { formatDate, Locale, translate } from '../platform/i18n';
import type { OutgoingMail } from '../platform/mail/outbox';

type LinkMail = { to: string; locale: Locale; name: string; link: string; expiresAt: Date };

export function invitationMail(m: LinkMail & { organisation: string; inviter: string }): OutgoingMail {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string>) => translate(m.locale, k, p);
  return {
    to: m.to,
    kind: 'invitation',
    subject: t('mail.invitation.subject'),
    text: t('mail.invitation.body', {
      name: m.name,
      inviter: m.inviter,
      organisation: m.organisation,
      link: m.link,
      expires: formatDate(m.locale, m.expiresAt, 'datetime'),
    }),
  };
}

export function resetMail(m: LinkMail): OutgoingMail {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string>) => translate(m.locale, k, p);
  return {
    to: m.to,
    kind: 'password_reset',
    subject: t('mail.reset.subject'),
    text: t('mail.reset.body', { name: m.name, link: m.link, expires: formatDate(m.locale, m.expiresAt, 'datetime') }),
  };
}
