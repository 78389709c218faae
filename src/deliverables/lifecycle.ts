import type { Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import type { DeliverableStatus } from './schemas';
import type { DeliverableVersionsRow } from '../platform/db-tables';
import { findMove, logTransition } from '../platform/transitions';

/**
 * The status of a deliverable, as a transition table with guards and a log (like the case's,
 * src/accompaniments/lifecycle.ts): expected → submitted (the provider submits its first
 * version) → accepted, or → changes requested, from which a new version puts it back under
 * review. Accepted is final: no version, no action of a plan, no move after it.
 * Moves are named by what happens (the event), since two of them lead to « submitted ».
 */
export type DeliverableEvent = 'submit' | 'new_version' | 'accept' | 'request_changes';

/** A guard answers null when the move is allowed, else the catalogue key of the French reason. */
type Guard = (trx: Trx, deliverableId: string) => Promise<MessageKey | null>;

export type DeliverableTransition = {
  event: DeliverableEvent;
  from: DeliverableStatus;
  to: DeliverableStatus;
  guard?: Guard;
};

/** Nothing goes under review without a file. */
const hasVersion: Guard = async (trx, id) => {
  const row = await trx<DeliverableVersionsRow>('deliverable_versions').where({ deliverable_id: id }).first('id');
  return row ? null : 'deliverables.refused.noVersion';
};

/** The transition table: the only moves a deliverable knows. */
export const DELIVERABLE_TRANSITIONS: DeliverableTransition[] = [
  { event: 'submit', from: 'expected', to: 'submitted', guard: hasVersion },
  // After changes were requested, only a new version goes back under review (not the submit button).
  { event: 'new_version', from: 'changes_requested', to: 'submitted', guard: hasVersion },
  { event: 'accept', from: 'submitted', to: 'accepted' },
  { event: 'request_changes', from: 'submitted', to: 'changes_requested' },
];

/** Where every deliverable starts, when the coordinator says it is expected. */
export const INITIAL_DELIVERABLE_STATUS: DeliverableStatus = 'expected';

export const FINAL_DELIVERABLE_STATUSES: readonly DeliverableStatus[] = ['accepted'];

/** Why an event is refused when the table has no move for it from the current status. */
const NO_MOVE: Record<DeliverableEvent, MessageKey> = {
  submit: 'deliverables.refused.notSubmittable',
  new_version: 'deliverables.refused.accepted',
  accept: 'deliverables.refused.notSubmitted',
  request_changes: 'deliverables.refused.notSubmitted',
};

export const isFinalDeliverable = (status: string) => FINAL_DELIVERABLE_STATUSES.includes(status as DeliverableStatus);

export function findDeliverableTransition(from: string, event: DeliverableEvent): DeliverableTransition | undefined {
  return findMove(DELIVERABLE_TRANSITIONS, from, event);
}

/** A change of a deliverable its status does not allow; the key is the French reason shown to the user. */
export class DeliverableRefused extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

/** Refuses any change to an accepted deliverable (« déjà validé »). */
export function refuseIfFinal(status: string) {
  if (isFinalDeliverable(status)) throw new DeliverableRefused('deliverables.refused.accepted');
}

/**
 * Moves the deliverable inside the caller's transaction: the row locked and its status re-read (a
 * colleague may have moved it meanwhile), the move looked up in the table, its guard checked, the
 * status written and the move logged with the day it happened. `at` is for recording the past
 * (the demo data): the log's and the row's timestamps; now by default.
 */
export async function applyDeliverableTransition(
  trx: Trx,
  deliverableId: string,
  event: DeliverableEvent,
  opts: { actorId: string | null; onDate: string; at?: Date | string },
) {
  const current = await trx('deliverables')
    .where({ id: deliverableId })
    .forUpdate()
    .first<{ status: DeliverableStatus }>('status');
  const transition = findDeliverableTransition(current.status, event);
  if (!transition) throw new DeliverableRefused(NO_MOVE[event]);
  const refusal = transition.guard ? await transition.guard(trx, deliverableId) : null;
  if (refusal) throw new DeliverableRefused(refusal);
  const at = opts.at ?? trx.fn.now();
  await trx('deliverables').where({ id: deliverableId }).update({ status: transition.to, updated_at: at });
  await logTransition(trx, 'deliverable_transitions', {
    deliverable_id: deliverableId,
    event,
    from_status: current.status,
    to_status: transition.to,
    actor_id: opts.actorId,
    on_date: opts.onDate,
    at,
  });
  return { from: current.status, to: transition.to };
}
