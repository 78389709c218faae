import { invitationMail } from '../auth/mails';
import { issueToken } from '../auth/tokens';
import type { WriteContext } from '../platform/write';
import { enqueueMail } from '../platform/mail/outbox';

/** Issues a fresh one-time link and queues the e-mail, inside the caller's transaction. */
export async function sendInvitation(
  w: WriteContext,
  baseUrl: string,
  invitee: { id: string; email: string; name: string; locale: 'fr' | 'en' },
  inviterName: string,
) {
  const org = await w
    .trx('organisations as o')
    .join('users as u', 'u.organisation_id', 'o.id')
    .where('u.id', invitee.id)
    .first<{ name: string } | undefined>('o.name');
  const { raw, expiresAt } = await issueToken(w.trx, invitee.id, 'invitation');
  await enqueueMail(
    w.trx,
    invitationMail({
      to: invitee.email,
      locale: invitee.locale,
      name: invitee.name,
      inviter: inviterName,
      organisation: org?.name ?? '',
      link: `${baseUrl}/invitation/${raw}`,
      expiresAt,
    }),
  );
  await w.audit({
    action: 'user.invitation_sent',
    entityType: 'user',
    entityId: invitee.id,
    details: { email: invitee.email },
  });
}
