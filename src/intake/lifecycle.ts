/**
 * An intake request's status: received → diagnostic (a parcours opens), → oriented (to a partner, with
 * why), → not eligible (why), → no follow-up (why); a mistaken outcome goes back to received with a
 * reason, unless a parcours came of it (the parcours is then where things go on). The transition
 * table below is the only place a request's status changes, each move written to
 * intake_request_transitions with the day it happened, like a session's (sessions/lifecycle.ts).
 */
import type { Trx } from '../platform/db';
import { DateRefused, localToday, refuseBefore } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import { findMove, givenReason, logTransition } from '../platform/transitions';

export const INTAKE_STATUSES = ['received', 'diagnostic', 'oriented', 'not_eligible', 'no_follow_up'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

/** The outcomes a received request may get (every status but received). */
export const INTAKE_OUTCOMES = ['diagnostic', 'oriented', 'not_eligible', 'no_follow_up'] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

export type IntakeEvent = 'open_diagnostic' | 'orient' | 'declare_not_eligible' | 'close_without_follow_up' | 'reopen';

/** The event that gives a request each outcome. */
export const OUTCOME_EVENT: Record<IntakeOutcome, IntakeEvent> = {
  diagnostic: 'open_diagnostic',
  oriented: 'orient',
  not_eligible: 'declare_not_eligible',
  no_follow_up: 'close_without_follow_up',
};

type Current = { id: string; status: IntakeStatus };
/** A guard answers null when the move is allowed, else the catalogue key of the French reason. */
type Guard = (trx: Trx, r: Current) => Promise<MessageKey | null>;

export type IntakeTransition = {
  event: IntakeEvent;
  from: IntakeStatus;
  to: IntakeStatus;
  reasonRequired: boolean;
  partnerRequired: boolean;
  guard?: Guard;
};

/**
 * Once a parcours came of the request (its outcome is the diagnostic, or a parcours names it), the
 * request is not reopened: the parcours is where the structure's path goes on.
 */
const noPathway: Guard = async (trx, r) => {
  if (r.status === 'diagnostic') return 'intake.reopen.pathwayExists';
  const pathway = await trx('pathways').where({ intake_request_id: r.id }).first<{ id: string } | undefined>('id');
  return pathway ? 'intake.reopen.pathwayExists' : null;
};

const outcome = (event: IntakeEvent, to: IntakeStatus, reasonRequired: boolean, partnerRequired = false) => ({
  event,
  from: 'received' as const,
  to,
  reasonRequired,
  partnerRequired,
});
const reopen = (from: IntakeStatus): IntakeTransition => ({
  event: 'reopen',
  from,
  to: 'received',
  reasonRequired: true,
  partnerRequired: false,
  guard: noPathway,
});

/** The transition table: the only moves a request's status knows. */
export const INTAKE_TRANSITIONS: readonly IntakeTransition[] = [
  outcome('open_diagnostic', 'diagnostic', false),
  outcome('orient', 'oriented', true, true),
  outcome('declare_not_eligible', 'not_eligible', true),
  outcome('close_without_follow_up', 'no_follow_up', true),
  reopen('diagnostic'),
  reopen('oriented'),
  reopen('not_eligible'),
  reopen('no_follow_up'),
];

export function findIntakeTransition(from: IntakeStatus, event: IntakeEvent): IntakeTransition | undefined {
  return findMove(INTAKE_TRANSITIONS, from, event);
}

/** What a refusal is about, so that the page says it next to the right field. */
export type RefusedPart = 'reason' | 'partner' | null;

export class IntakeTransitionRefused extends Error {
  constructor(
    readonly reasonKey: MessageKey,
    readonly part: RefusedPart = null,
  ) {
    super(reasonKey);
  }
}

/** Logs a new request's first status (no from_status), dated the day it was received. */
export async function logIntakeCreated(trx: Trx, requestId: string, receivedOn: string, actorId: string | null) {
  await logTransition(trx, 'intake_request_transitions', {
    intake_request_id: requestId,
    event: 'create',
    from_status: null,
    to_status: 'received',
    happened_on: receivedOn,
    actor_id: actorId,
    partner: null,
    reason: null,
  });
}

export type IntakeMove = {
  actorId: string | null;
  /** The day it happened (yyyy-mm-dd), chosen by the user; `dateField` names its field for a refusal. */
  on: string;
  dateField: string;
  reason?: string | null;
  partner?: string | null;
};

/**
 * Moves a request inside the caller's transaction: the row is locked, the status re-read (a colleague
 * may have answered meanwhile), the move looked up in the table, the day checked (not in the future,
 * not before the request was received, a reopening not before the outcome it undoes), the partner and
 * the reason checked, the guard asked, the status and outcome written and the move logged.
 * Refusals throw IntakeTransitionRefused or DateRefused.
 */
export async function applyIntakeTransition(trx: Trx, requestId: string, event: IntakeEvent, move: IntakeMove) {
  const row = await trx('intake_requests')
    .where({ id: requestId })
    .forUpdate()
    .first<{ id: string; status: string; received_on: string; outcome_on: string | null } | undefined>(
      'id',
      'status',
      'received_on',
      'outcome_on',
    );
  if (!row) throw new IntakeTransitionRefused('intake.status.invalid');
  const current: Current = { id: row.id, status: row.status as IntakeStatus };
  const transition = findIntakeTransition(current.status, event);
  if (!transition)
    throw new IntakeTransitionRefused(event === 'reopen' ? 'intake.reopen.notAnswered' : 'intake.outcome.already');
  if (move.on > localToday()) throw new DateRefused(move.dateField, 'validation.dateFuture');
  refuseBefore(move.dateField, move.on, row.received_on, 'intake.date.beforeReceived');
  if (event === 'reopen') refuseBefore(move.dateField, move.on, row.outcome_on, 'intake.date.beforeOutcome');
  const reason = givenReason(move.reason);
  const partner = move.partner?.trim() || null;
  if (transition.partnerRequired && !partner)
    throw new IntakeTransitionRefused('intake.outcome.partnerRequired', 'partner');
  if (transition.reasonRequired && !reason)
    throw new IntakeTransitionRefused('intake.outcome.reasonRequired', 'reason');
  const refusal = transition.guard ? await transition.guard(trx, current) : null;
  if (refusal) throw new IntakeTransitionRefused(refusal);
  const outcomeFields =
    transition.to === 'received'
      ? { outcome_on: null, outcome_partner: null, outcome_reason: null }
      : {
          outcome_on: move.on,
          outcome_partner: transition.partnerRequired ? partner : null,
          outcome_reason: reason,
        };
  await trx('intake_requests')
    .where({ id: requestId })
    .update({
      status: transition.to,
      ...outcomeFields,
      updated_at: trx.fn.now(),
      lock_version: trx.raw('lock_version + 1'),
    });
  await logTransition(trx, 'intake_request_transitions', {
    intake_request_id: requestId,
    event,
    from_status: current.status,
    to_status: transition.to,
    happened_on: move.on,
    actor_id: move.actorId,
    partner: transition.partnerRequired ? partner : null,
    reason,
  });
  return { from: current.status, to: transition.to };
}
