/**
 * The accounts' workflows, callable from a route, a job or the CLI: each takes the write context
 * (transaction + audit) and plain data, never a request. Signing in (or failing to), asking for a
 * reset link, choosing a password from a one-time link (reset or invitation).
 */
import type { SessionUser } from '../platform/auth/session-user';
import type { Locale } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';
import { closeUserSessions } from '../platform/session-store';
import { applyUserTransition } from '../users/lifecycle';
import type { WriteContext } from '../platform/write';
import { resetMail } from './mails';
import { consumeToken, issueToken, TokenPurpose, ValidToken } from './tokens';

/** A sign-in refused (unknown address or wrong password): logged with the address typed, lower-cased. */
export const recordLoginFailed = (w: WriteContext, email: string) =>
  w.audit({ action: 'user.login_failed', entityType: 'user', details: { email: email.toLowerCase() } });

/** A sign-in: the user's last login, logged. */
export async function recordLogin(w: WriteContext, userId: string) {
  await w.trx('users').where({ id: userId }).update({ last_login_at: w.trx.fn.now() });
  await w.audit({ action: 'user.login', entityType: 'user', entityId: userId });
}

/** A reset link for an active account: a one-time token, mailed with its expiry. */
export async function requestPasswordReset(
  w: WriteContext,
  user: Pick<SessionUser, 'id' | 'email' | 'locale' | 'name'>,
  baseUrl: string,
) {
  const { raw, expiresAt } = await issueToken(w.trx, user.id, 'reset');
  const link = `${baseUrl}/password/reset/${raw}`;
  await enqueueMail(w.trx, resetMail({ to: user.email, locale: user.locale, name: user.name, link, expiresAt }));
  await w.audit({ action: 'user.password_reset_requested', entityType: 'user', entityId: user.id });
}

/** The link was used meanwhile (two tabs posting the same link): nothing changed. */
export class TokenAlreadyUsed extends Error {}

/**
 * Sets the password chosen behind a one-time link (already hashed): the token is used up, the
 * account active through its transition table (users/lifecycle.ts: accept from invited, reset_password
 * from active; UserStatusRefused otherwise), an invitation takes the page's language, and every session
 * opened with the old password is closed. TokenAlreadyUsed when the second of two posts finds the token used.
 */
export async function setPasswordFromToken(
  w: WriteContext,
  token: Pick<ValidToken, 'id' | 'user_id'>,
  purpose: TokenPurpose,
  passwordHash: string,
  locale: Locale | null,
) {
  if (!(await consumeToken(w.trx, token.id))) throw new TokenAlreadyUsed();
  await applyUserTransition(w.trx, token.user_id, purpose === 'reset' ? 'reset_password' : 'accept', token.user_id, {
    fields: { password_hash: passwordHash, ...(locale && purpose === 'invitation' ? { locale } : {}) },
  });
  // A new password closes every session opened with the old one.
  await closeUserSessions(w.trx, token.user_id);
  await w.audit({
    action: purpose === 'reset' ? 'user.password_reset' : 'user.invitation_accepted',
    entityType: 'user',
    entityId: token.user_id,
  });
  return true;
}
