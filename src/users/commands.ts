/**
 * The user accounts' commands, callable from a route, a job or the CLI: each takes the write
 * context (transaction + audit) and plain data, never a request. Inviting a user (the account and
 * its mailed link), editing one at the version the form showed, disabling and enabling one (its
 * status through lifecycle.ts).
 */
import type { Locale } from '../platform/i18n';
import { releaseHeldMail } from '../platform/mail/outbox';
import type { WriteContext } from '../platform/write';
import { sendInvitation } from './invitations';
import { applyUserTransition, insertInvitedUser } from './lifecycle';
import { updateUser, UserRow } from './queries';
import type { MailDelivery, UserInput } from './schemas';

/** A new account, invited: created, logged, and its one-time link mailed. Its id. */
export async function inviteUser(w: WriteContext, input: UserInput, by: { baseUrl: string; inviterName: string }) {
  const id = await insertInvitedUser(w.trx, input, w.actor.userId);
  await w.audit({
    action: 'user.create',
    entityType: 'user',
    entityId: id,
    details: { email: input.email, role: input.role },
  });
  await sendInvitation(w, by.baseUrl, { id, ...input }, by.inviterName);
  return id;
}

/**
 * Saves an account at the version the form showed, logged with its address, role and organisation
 * before and after. False when someone saved in between (logged as a conflict).
 */
export async function editUser(
  w: WriteContext,
  before: Pick<UserRow, 'id' | 'email' | 'role' | 'organisation_id'>,
  lockVersion: number,
  input: UserInput,
) {
  const ok = await updateUser(w.trx, before.id, lockVersion, input);
  const shown = (u: Pick<UserRow, 'email' | 'role' | 'organisation_id'>) => ({
    email: u.email,
    role: u.role,
    organisation_id: u.organisation_id,
  });
  await w.audit({
    action: ok ? 'user.update' : 'user.update_conflict',
    entityType: 'user',
    entityId: before.id,
    details: ok ? { before: shown(before), after: shown(input) } : undefined,
  });
  return ok;
}

/**
 * An admin disables an account (sign-in refused, its open sessions closed) or enables it again,
 * through the account's transition table (UserStatusRefused when its status has no such move), logged.
 */
export async function setAccountEnabled(w: WriteContext, userId: string, action: 'disable' | 'enable') {
  await applyUserTransition(w.trx, userId, action, w.actor.userId);
  await w.audit({ action: `user.${action}`, entityType: 'user', entityId: userId });
}

/**
 * The person's own choice of immediate mails or a daily digest. Going back to immediate mails sends
 * what was held for the next digest at once (nothing waits for a digest that will not come).
 * Answers how many held mails were released.
 */
export async function setMailDelivery(w: WriteContext, user: { id: string; email: string }, choice: MailDelivery) {
  await w.trx('users').where({ id: user.id }).update({ mail_delivery: choice, updated_at: w.trx.fn.now() });
  const released = choice === 'immediate' ? await releaseHeldMail(w.trx, user.email) : 0;
  await w.audit({
    action: 'user.mail_delivery',
    entityType: 'user',
    entityId: user.id,
    details: { mail_delivery: choice, released },
  });
  return released;
}

/**
 * The person's language, chosen with the language switch. The locale is also on the admin's account
 * form: its version moves, so a form opened before this does not put the old one back silently.
 */
export async function setLocale(w: WriteContext, userId: string, locale: Locale) {
  await w
    .trx('users')
    .where({ id: userId })
    .update({ locale, lock_version: w.trx.raw('lock_version + 1') });
  await w.audit({ action: 'user.locale', entityType: 'user', entityId: userId, details: { locale } });
}
