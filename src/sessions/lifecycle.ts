/**
 * A session's status: planned → held → closed (the minutes locked), closed → held again with a
 * reason, and held → planned from the edit form. The transition table below is the only place a
 * session's status changes, each move written to session_transitions, like the case's
 * (accompaniments/lifecycle.ts).
 */
import type { Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import { findMove, givenReason, logTransition } from '../platform/transitions';

export const SESSION_STATUSES = ['planned', 'held', 'closed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** What makes a move: the edit form (hold, plan), the close button, the reopen form. */
export type SessionEvent = 'hold' | 'plan' | 'close' | 'reopen';

/** A guard answers null when the move is allowed, else the catalogue key of the French reason. */
type Guard = (s: { starts_at: Date | string }, now: Date) => MessageKey | null;

export type SessionTransition = {
  event: SessionEvent;
  from: SessionStatus;
  to: SessionStatus;
  reasonRequired: boolean;
  guard?: Guard;
};

/** Whether a session has started: the one test of « not started yet » (closing, presences, the page's buttons). */
export const hasStarted = (s: { starts_at: Date | string }, now = new Date()) =>
  new Date(s.starts_at).getTime() <= now.getTime();

/** A session that has not started yet cannot be closed (nothing to lock yet). */
const started: Guard = (s, now) => (hasStarted(s, now) ? null : 'sessions.close.notStarted');

/** The transition table: the only moves a session's status knows. */
export const SESSION_TRANSITIONS: readonly SessionTransition[] = [
  { event: 'hold', from: 'planned', to: 'held', reasonRequired: false },
  { event: 'plan', from: 'held', to: 'planned', reasonRequired: false },
  { event: 'close', from: 'planned', to: 'closed', reasonRequired: false, guard: started },
  { event: 'close', from: 'held', to: 'closed', reasonRequired: false, guard: started },
  { event: 'reopen', from: 'closed', to: 'held', reasonRequired: true },
];

/** Why an event is refused from a status it does not leave (the message the user reads). */
const NOT_FROM_HERE: Record<SessionEvent, MessageKey> = {
  hold: 'sessions.status.invalid',
  plan: 'sessions.status.invalid',
  close: 'sessions.close.already',
  reopen: 'sessions.reopen.notClosed',
};

export function findSessionTransition(from: SessionStatus, event: SessionEvent): SessionTransition | undefined {
  return findMove(SESSION_TRANSITIONS, from, event);
}

/** The event that takes a session from one status to another by the edit form, if any. */
export const editEvent = (from: SessionStatus, to: SessionStatus): SessionEvent | null =>
  from === to ? null : to === 'held' ? 'hold' : to === 'planned' ? 'plan' : null;

/** A new session is held when its minutes come with it, else planned. */
export const initialStatus = (d: { minutes: string | null }): SessionStatus => (d.minutes ? 'held' : 'planned');

/** The status the edit form asks for: minutes saved for the first time mean the meeting took place; else the status chosen. */
export const statusAfterEdit = (
  current: { status: SessionStatus; minutes: string | null },
  d: { minutes: string | null; status?: SessionStatus },
): SessionStatus => (!current.minutes && d.minutes ? 'held' : (d.status ?? current.status));

export class SessionTransitionRefused extends Error {
  constructor(readonly reasonKey: MessageKey) {
    super(reasonKey);
  }
}

/** Logs a new session's first status (no from_status), in the transaction that creates it. */
export async function logSessionCreated(trx: Trx, sessionId: string, status: SessionStatus, actorId: string | null) {
  await logTransition(trx, 'session_transitions', {
    session_id: sessionId,
    event: 'create',
    from_status: null,
    to_status: status,
    actor_id: actorId,
    reason: null,
  });
}

/**
 * Moves a session inside the caller's transaction: the row is locked, the status re-read (a
 * colleague may have moved it meanwhile), the move looked up in the table, the reason and the
 * guard checked, the status written and the move logged. Refusals throw SessionTransitionRefused.
 */
export async function applySessionTransition(
  trx: Trx,
  sessionId: string,
  event: SessionEvent,
  opts: { actorId: string | null; reason?: string | null; now?: Date },
) {
  const current = await trx('sessions')
    .where({ id: sessionId })
    .forUpdate()
    .first<{ status: SessionStatus; starts_at: Date } | undefined>('status', 'starts_at');
  if (!current) throw new SessionTransitionRefused('sessions.status.invalid');
  const from = current.status;
  const transition = findSessionTransition(from, event);
  if (!transition) throw new SessionTransitionRefused(NOT_FROM_HERE[event]);
  const reason = givenReason(opts.reason);
  if (transition.reasonRequired && !reason) throw new SessionTransitionRefused('sessions.reopen.reasonRequired');
  const refusal = transition.guard ? transition.guard(current, opts.now ?? new Date()) : null;
  if (refusal) throw new SessionTransitionRefused(refusal);
  await trx('sessions').where({ id: sessionId }).update({ status: transition.to, updated_at: trx.fn.now() });
  await logTransition(trx, 'session_transitions', {
    session_id: sessionId,
    event,
    from_status: from,
    to_status: transition.to,
    actor_id: opts.actorId,
    reason,
  });
  return { from, to: transition.to };
}
