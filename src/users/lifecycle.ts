/**
 * The status of a user account, as a transition table with a log (user_transitions), like a
 * consultation bid's (src/consultations/bid-lifecycle.ts): an account is invited; accepting the
 * invitation (a password chosen behind its link) makes it active; a reset link sets a new password
 * on an active account; an admin disables an account (its open sessions closed at once) and
 * enables it again: active when the person had chosen a password, invited again otherwise (the
 * guard of the two `enable` moves). This file is the only place users.status is written:
 * test/users/lifecycle.test.ts fails if it is written anywhere else in src/.
 */
import type { Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import type { Id } from '../platform/id';
import { localToday } from '../platform/dates';
import { closeUserSessions } from '../platform/session-store';
import { logTransition } from '../platform/transitions';
import type { UserInput } from './schemas';

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** What moves an account: the invitation accepted, a password reset, an admin's disable and enable. */
export const USER_EVENTS = ['accept', 'reset_password', 'disable', 'enable'] as const;
export type UserEvent = (typeof USER_EVENTS)[number];

/** What a guard knows of the account: whether its person ever chose a password. */
export type AccountFacts = { hasPassword: boolean };

export type UserTransition = {
  event: UserEvent;
  from: UserStatus;
  to: UserStatus;
  /** When an event has two moves from a status, the one whose guard holds is made. */
  guard?: (account: AccountFacts) => boolean;
};

/** The transition table: the only moves an account knows. */
export const USER_TRANSITIONS: readonly UserTransition[] = [
  // A password chosen behind a one-time link.
  { event: 'accept', from: 'invited', to: 'active' },
  { event: 'reset_password', from: 'active', to: 'active' },
  // An admin's decision: sign-in refused from now on, or allowed again.
  { event: 'disable', from: 'invited', to: 'disabled' },
  { event: 'disable', from: 'active', to: 'disabled' },
  { event: 'enable', from: 'disabled', to: 'active', guard: (a) => a.hasPassword },
  // Re-enabling someone who never chose a password puts them back to "invited".
  { event: 'enable', from: 'disabled', to: 'invited', guard: (a) => !a.hasPassword },
];

/** Where every account starts, when the person is invited. */
export const INITIAL_USER_STATUS: UserStatus = 'invited';

/** The move an event makes from a status for this account (its guard holding), if the table has one. */
export function findUserTransition(from: string, event: UserEvent, account: AccountFacts) {
  return USER_TRANSITIONS.find((t) => t.from === from && t.event === event && (!t.guard || t.guard(account)));
}

/** Why an event is refused when the table has no move for it from the account's status. */
const NO_MOVE: Record<UserEvent, MessageKey> = {
  accept: 'users.refused.accept',
  reset_password: 'users.refused.resetPassword',
  disable: 'users.refused.disable',
  enable: 'users.refused.enable',
};

/** A move the table refuses, with the catalogue key of its French reason. */
export class UserStatusRefused extends Error {
  constructor(readonly reasonKey: MessageKey) {
    super(reasonKey);
  }
}

/** Writes a new account with its first status (invited), and logs it from null, in the caller's transaction. */
export async function insertInvitedUser(trx: Trx, input: UserInput, actorId: string | null) {
  const [row] = await trx('users')
    .insert({ ...input, status: INITIAL_USER_STATUS })
    .returning<{ id: Id }[]>('id');
  await logTransition(trx, 'user_transitions', {
    user_id: row.id,
    event: 'invite',
    from_status: null,
    to_status: INITIAL_USER_STATUS,
    happened_on: localToday(),
    actor_id: actorId,
  });
  return row.id;
}

/**
 * Moves an account inside the caller's transaction: the row locked and its status re-read (an admin
 * may have moved it meanwhile), the move looked up in the table (UserStatusRefused, the French
 * reason, otherwise), the status written with the fields the move changes (a new password, the
 * page's language), and the move logged on the office's day. Disabling closes the account's open
 * sessions: it takes effect now, not when they expire.
 */
export async function applyUserTransition(
  trx: Trx,
  userId: string,
  event: UserEvent,
  actorId: string | null,
  opts: { fields?: { password_hash?: string; locale?: string } } = {},
) {
  const current = await trx('users')
    .where({ id: userId })
    .forUpdate()
    .first<{ status: UserStatus; has_password: boolean } | undefined>(
      'status',
      trx.raw('password_hash is not null as has_password'),
    );
  const transition = current && findUserTransition(current.status, event, { hasPassword: current.has_password });
  if (!current || !transition) throw new UserStatusRefused(NO_MOVE[event]);
  await trx('users')
    .where({ id: userId })
    .update({ ...opts.fields, status: transition.to, updated_at: trx.fn.now() });
  await logTransition(trx, 'user_transitions', {
    user_id: userId,
    event,
    from_status: current.status,
    to_status: transition.to,
    happened_on: localToday(),
    actor_id: actorId,
  });
  if (transition.to === 'disabled') await closeUserSessions(trx, userId);
  return { from: current.status, to: transition.to };
}
