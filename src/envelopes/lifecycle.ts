/**
 * An envelope commitment's status: committed → released (with its reason, on the day chosen by the
 * user). The transition table below is the only place a commitment's status changes, each move
 * written to envelope_commitment_transitions with its day, like a comité d'appui meeting's
 * (support-committee/lifecycle.ts) or a session's (sessions/lifecycle.ts). A released commitment no
 * longer counts as committed on its envelope (queries.ts).
 */
import { refuseBefore } from '../platform/dates';
import type { Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import { eventsFrom, findMove, givenReason, logTransition } from '../platform/transitions';

export const COMMITMENT_STATUSES = ['committed', 'released'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export type CommitmentEvent = 'release';
export const COMMITMENT_EVENTS: readonly CommitmentEvent[] = ['release'];

export type CommitmentTransition = {
  event: CommitmentEvent;
  from: CommitmentStatus;
  to: CommitmentStatus;
  reasonRequired: boolean;
};

/** The transition table: the only moves a commitment's status knows (released is final). */
export const COMMITMENT_TRANSITIONS: readonly CommitmentTransition[] = [
  { event: 'release', from: 'committed', to: 'released', reasonRequired: true },
];

export function findCommitmentTransition(from: CommitmentStatus, event: CommitmentEvent) {
  return findMove(COMMITMENT_TRANSITIONS, from, event);
}

/** The moves a commitment's page offers from its status. */
export const commitmentEventsFrom = (status: CommitmentStatus) => eventsFrom(COMMITMENT_TRANSITIONS, status);

export class CommitmentTransitionRefused extends Error {
  constructor(readonly reasonKey: MessageKey) {
    super(reasonKey);
  }
}

/**
 * Writes a new commitment with its first status, and logs it (no from_status), in the transaction
 * of the command that commits (commands.ts): the status column is written here only.
 */
export async function insertCommitment(
  trx: Trx,
  row: {
    envelope_id: string;
    accompaniment_id: string;
    amount_eur: string;
    committed_on: string;
    over_envelope_reason: string | null;
    created_by: string | null;
  },
) {
  const [{ id }] = await trx('envelope_commitments')
    .insert({ ...row, status: 'committed' })
    .returning<Array<{ id: string }>>('id');
  await logTransition(trx, 'envelope_commitment_transitions', {
    commitment_id: id,
    event: 'commit',
    from_status: null,
    to_status: 'committed',
    happened_on: row.committed_on,
    actor_id: row.created_by,
    reason: row.over_envelope_reason,
  });
  return String(id);
}

/**
 * Moves a commitment inside the caller's transaction: the row locked, its status re-read, the move
 * looked up in the table, the reason checked, the status written and the move logged with its day
 * (never before the day it was committed). Refusals throw CommitmentTransitionRefused.
 */
export async function applyCommitmentTransition(
  trx: Trx,
  commitmentId: string,
  event: CommitmentEvent,
  opts: { actorId: string | null; happenedOn: string; reason?: string | null },
) {
  const current = await trx('envelope_commitments')
    .where({ id: commitmentId })
    .forUpdate()
    .first<{ status: string; committed_on: string } | undefined>('status', 'committed_on');
  if (!current) throw new CommitmentTransitionRefused('envelopes.transition.invalid');
  const from = current.status as CommitmentStatus;
  const transition = findCommitmentTransition(from, event);
  if (!transition) throw new CommitmentTransitionRefused('envelopes.transition.invalid');
  const reason = givenReason(opts.reason);
  if (transition.reasonRequired && !reason)
    throw new CommitmentTransitionRefused('envelopes.transition.reasonRequired');
  refuseBefore('happened_on', opts.happenedOn, current.committed_on, 'envelopes.transition.beforeCommitted');
  await trx('envelope_commitments').where({ id: commitmentId }).update({ status: transition.to });
  await logTransition(trx, 'envelope_commitment_transitions', {
    commitment_id: commitmentId,
    event,
    from_status: from,
    to_status: transition.to,
    happened_on: opts.happenedOn,
    actor_id: opts.actorId,
    reason,
  });
  return { from, to: transition.to };
}
