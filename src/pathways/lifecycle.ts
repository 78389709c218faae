/**
 * The statuses of a parcours and of its actions. A parcours is open, then closed on a day with a
 * reason, and may be reopened; an action is planned, in progress, done, or cancelled with a reason
 * (a consultancy action follows its case instead: consultancy-status.ts). The transition tables
 * below are the only place these statuses change, each move written to pathway_transitions or
 * pathway_action_transitions with the day it happened (chosen by the user), like the case's
 * (accompaniments/lifecycle.ts) and a session's (sessions/lifecycle.ts).
 */
import type { Knex } from 'knex';
import { refuseBefore } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import type { Id } from '../platform/id';
import type { PathwayActionsRow, PathwaysRow } from '../platform/db-tables';
import { eventsFrom, findMove, givenReason, logTransition } from '../platform/transitions';
import type { ConsultancyActionStatus } from './consultancy-status';

export const PATHWAY_STATUSES = ['open', 'closed'] as const;
export type PathwayStatus = (typeof PATHWAY_STATUSES)[number];
export type PathwayEvent = 'close' | 'reopen';

export const ACTION_KINDS = ['consultancy', 'advice', 'orientation', 'local_offer'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ActionEvent = 'start' | 'complete' | 'cancel';
export const ACTION_EVENTS: readonly ActionEvent[] = ['start', 'complete', 'cancel'];

type Transition<S, E> = { event: E; from: S; to: S; reasonRequired: boolean };

/** The parcours: closing needs a reason and a day; reopening says why too. */
export const PATHWAY_TRANSITIONS: readonly Transition<PathwayStatus, PathwayEvent>[] = [
  { event: 'close', from: 'open', to: 'closed', reasonRequired: true },
  { event: 'reopen', from: 'closed', to: 'open', reasonRequired: true },
];

/** An action of the parcours (not a consultancy: its case moves it). */
export const ACTION_TRANSITIONS: readonly Transition<ActionStatus, ActionEvent>[] = [
  { event: 'start', from: 'planned', to: 'in_progress', reasonRequired: false },
  { event: 'complete', from: 'planned', to: 'done', reasonRequired: false },
  { event: 'complete', from: 'in_progress', to: 'done', reasonRequired: false },
  { event: 'cancel', from: 'planned', to: 'cancelled', reasonRequired: true },
  { event: 'cancel', from: 'in_progress', to: 'cancelled', reasonRequired: true },
];

export const actionEventsFrom = (status: string, kind: string): ActionEvent[] =>
  kind === 'consultancy' ? [] : eventsFrom(ACTION_TRANSITIONS, status);

/** Why a move is refused; `field` is the form field the message goes next to (none: over the form). */
export class PathwayTransitionRefused extends Error {
  constructor(
    readonly reasonKey: MessageKey,
    readonly field?: string,
  ) {
    super(reasonKey);
  }
}

const day = (v: unknown): string | null => (v == null ? null : typeof v === 'string' ? v.slice(0, 10) : null);

/** Logs a new parcours (no from_status), in the transaction that creates it. */
export async function logPathwayOpened(trx: Knex, pathwayId: string, openedOn: string, actorId: string | null) {
  await logTransition(trx, 'pathway_transitions', {
    pathway_id: pathwayId,
    event: 'open',
    from_status: null,
    to_status: 'open',
    happened_on: openedOn,
    actor_id: actorId,
    reason: null,
  });
}

/**
 * Closes or reopens a parcours inside the caller's transaction: the row locked, the status re-read,
 * the move looked up, the reason and the day checked (never before its opening, a reopening never
 * before its closure; the future is the form's business), the status written and the move logged.
 */
export async function applyPathwayTransition(
  trx: Knex,
  pathwayId: string,
  event: PathwayEvent,
  opts: { actorId: string | null; happenedOn: string; reason: string | null },
) {
  const p = await trx('pathways')
    .where({ id: pathwayId })
    .forUpdate()
    .first<Pick<PathwaysRow, 'status' | 'opened_on' | 'closed_on'> | undefined>('status', 'opened_on', 'closed_on');
  if (!p) throw new PathwayTransitionRefused('pathways.status.invalid');
  const from = p.status as PathwayStatus;
  const transition = findMove(PATHWAY_TRANSITIONS, from, event);
  if (!transition)
    throw new PathwayTransitionRefused(event === 'close' ? 'pathways.close.already' : 'pathways.reopen.notClosed');
  const reason = givenReason(opts.reason);
  if (transition.reasonRequired && !reason) throw new PathwayTransitionRefused('pathways.reasonRequired', 'reason');
  refuseBefore('happened_on', opts.happenedOn, day(p.opened_on), 'pathways.dateBeforeOpening');
  if (event === 'reopen') refuseBefore('happened_on', opts.happenedOn, day(p.closed_on), 'pathways.dateBeforeClosure');
  const changes =
    event === 'close'
      ? { status: 'closed', closed_on: opts.happenedOn, closure_reason: reason }
      : { status: 'open', closed_on: null, closure_reason: null };
  await trx('pathways')
    .where({ id: pathwayId })
    .update({ ...changes, updated_at: trx.fn.now(), lock_version: trx.raw('lock_version + 1') });
  await logTransition(trx, 'pathway_transitions', {
    pathway_id: pathwayId,
    event,
    from_status: from,
    to_status: transition.to,
    happened_on: opts.happenedOn,
    actor_id: opts.actorId,
    reason,
  });
  return { from, to: transition.to };
}

/**
 * Creates an action of a parcours with its first status (planned; done or in progress when recorded
 * after the fact; a consultancy as its case says), logged on the day given. Returns its id.
 */
export async function createAction(
  trx: Knex,
  row: Record<string, unknown> & { pathway_id: string; kind: ActionKind; title: string },
  status: ActionStatus,
  opts: { actorId: string | null; happenedOn: string },
): Promise<string> {
  const [inserted] = await trx('pathway_actions')
    .insert({ ...row, status, created_by: opts.actorId })
    .returning<{ id: Id }[]>('id');
  const id = inserted.id;
  await logTransition(trx, 'pathway_action_transitions', {
    pathway_action_id: id,
    event: 'create',
    from_status: null,
    to_status: status,
    happened_on: opts.happenedOn,
    actor_id: opts.actorId,
    reason: null,
  });
  return id;
}

/**
 * Moves an action of a parcours (not a consultancy) inside the caller's transaction, on the day the
 * user chose: never before the parcours opened, an end never before the action's start. Starting
 * sets started_on, completing ended_on (and started_on when it had none: a one-day action), cancelling
 * ended_on with the reason. Logged.
 */
export async function applyActionTransition(
  trx: Knex,
  actionId: string,
  event: ActionEvent,
  opts: { actorId: string | null; happenedOn: string; reason: string | null; extra?: Record<string, unknown> },
) {
  const a = await trx('pathway_actions as x')
    .join('pathways as p', 'p.id', 'x.pathway_id')
    .where('x.id', actionId)
    .forUpdate()
    .first<(Pick<PathwayActionsRow, 'status' | 'kind' | 'started_on'> & Pick<PathwaysRow, 'opened_on'>) | undefined>(
      'x.status',
      'x.kind',
      'x.started_on',
      'p.opened_on',
    );
  if (!a) throw new PathwayTransitionRefused('pathways.action.invalid');
  if (a.kind === 'consultancy') throw new PathwayTransitionRefused('pathways.action.consultancyFollowsCase');
  const from = a.status as ActionStatus;
  const transition = findMove(ACTION_TRANSITIONS, from, event);
  if (!transition) throw new PathwayTransitionRefused('pathways.action.invalid');
  const reason = givenReason(opts.reason);
  if (transition.reasonRequired && !reason) throw new PathwayTransitionRefused('pathways.reasonRequired', 'reason');
  refuseBefore('happened_on', opts.happenedOn, day(a.opened_on), 'pathways.dateBeforeOpening');
  if (event !== 'start')
    refuseBefore('happened_on', opts.happenedOn, day(a.started_on), 'pathways.action.dateBeforeStart');
  const dates =
    event === 'start'
      ? { started_on: opts.happenedOn }
      : event === 'complete'
        ? { started_on: day(a.started_on) ?? opts.happenedOn, ended_on: opts.happenedOn }
        : { ended_on: opts.happenedOn };
  await trx('pathway_actions')
    .where({ id: actionId })
    .update({
      ...opts.extra,
      ...dates,
      status: transition.to,
      updated_at: trx.fn.now(),
      lock_version: trx.raw('lock_version + 1'),
    });
  await logTransition(trx, 'pathway_action_transitions', {
    pathway_action_id: actionId,
    event,
    from_status: from,
    to_status: transition.to,
    happened_on: opts.happenedOn,
    actor_id: opts.actorId,
    reason,
  });
  return { from, to: transition.to };
}

/**
 * A consultancy action follows its case (consultancy-status.ts): its status, start and end written
 * as the case says, the change of status logged ('follow_case') on the day of the case's move.
 */
export async function followCase(
  trx: Knex,
  actionId: string,
  from: string,
  facts: { status: ConsultancyActionStatus; started_on: string | null; ended_on: string | null },
  opts: { actorId: string | null; happenedOn: string },
) {
  await trx('pathway_actions').where({ id: actionId }).update({
    status: facts.status,
    started_on: facts.started_on,
    ended_on: facts.ended_on,
    updated_at: trx.fn.now(),
  });
  if (from === facts.status) return;
  await logTransition(trx, 'pathway_action_transitions', {
    pathway_action_id: actionId,
    event: 'follow_case',
    from_status: from,
    to_status: facts.status,
    happened_on: opts.happenedOn,
    actor_id: opts.actorId,
    reason: null,
  });
}
