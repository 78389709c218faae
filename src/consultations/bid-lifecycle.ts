/**
 * The status of a consultation bid, as a transition table with a log (consultation_bid_transitions),
 * like the case's (src/accompaniments/lifecycle.ts): a provider is invited; its answer makes the bid
 * proposed or declined (an answer may be corrected while the call is open, hence the moves from
 * proposed and declined); the decision selects one proposal and sets the others aside (not
 * selected); going back on the decision reopens both to proposed. One selected bid per case is
 * kept by the selection command (the case locked, its selection re-read) and the database's
 * bids_one_selected index. This file is the only place consultation_bids.status is written:
 * test/consultations/bid-lifecycle.test.ts fails if it is written anywhere else in src/.
 */
import type { Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import { findMove, logTransition } from '../platform/transitions';
import { ConsultationRefused } from './commands';
import type { BidStatus } from './queries';

export const BID_STATUSES: readonly BidStatus[] = ['invited', 'proposed', 'declined', 'selected', 'not_selected'];

/** What moves a bid: its proposal or refusal recorded, the decision (selected or set aside), the decision undone. */
export const BID_EVENTS = ['propose', 'decline', 'select', 'set_aside', 'reopen'] as const;
export type BidEvent = (typeof BID_EVENTS)[number];

export type BidTransition = { event: BidEvent; from: BidStatus; to: BidStatus };

/** The transition table: the only moves a bid knows. */
export const BID_TRANSITIONS: readonly BidTransition[] = [
  // The answer, recorded or corrected while no provider is selected.
  { event: 'propose', from: 'invited', to: 'proposed' },
  { event: 'propose', from: 'proposed', to: 'proposed' },
  { event: 'propose', from: 'declined', to: 'proposed' },
  { event: 'decline', from: 'invited', to: 'declined' },
  { event: 'decline', from: 'proposed', to: 'declined' },
  { event: 'decline', from: 'declined', to: 'declined' },
  // The decision: one proposal selected, the others set aside.
  { event: 'select', from: 'proposed', to: 'selected' },
  { event: 'set_aside', from: 'proposed', to: 'not_selected' },
  // The decision undone: every proposal is back in the running.
  { event: 'reopen', from: 'selected', to: 'proposed' },
  { event: 'reopen', from: 'not_selected', to: 'proposed' },
];

/** Where every bid starts, when the provider is invited. */
export const INITIAL_BID_STATUS: BidStatus = 'invited';

export function findBidTransition(from: string, event: BidEvent): BidTransition | undefined {
  return findMove(BID_TRANSITIONS, from, event);
}

/** Why an event is refused when the bid is not there or the table has no move for it from its status. */
const NO_MOVE: Record<BidEvent, MessageKey> = {
  propose: 'consultations.locked.selected',
  decline: 'consultations.locked.selected',
  select: 'consultations.select.notAProposal',
  set_aside: 'consultations.select.notAProposal',
  reopen: 'consultations.unselect.nothing',
};

type Who = { actorId: string | null; happenedOn: string; reason?: string | null };

/**
 * Writes a new bid with its first status (invited), and logs it from null, in the caller's
 * transaction. Null when the provider was already invited (a colleague's invitation came first).
 */
export async function insertBid(
  trx: Trx,
  row: {
    accompaniment_id: string;
    provider_id: string;
    invited_on: string;
    invitation_reason: string | null;
    suggested: boolean;
  },
  actorId: string | null,
) {
  const inserted = await trx('consultation_bids')
    .insert({ ...row, status: INITIAL_BID_STATUS })
    .onConflict(['accompaniment_id', 'provider_id'])
    .ignore()
    .returning<{ id: string }[]>('id');
  if (!inserted.length) return null;
  await logTransition(trx, 'consultation_bid_transitions', {
    bid_id: inserted[0].id,
    event: 'invite',
    from_status: null,
    to_status: INITIAL_BID_STATUS,
    happened_on: row.invited_on,
    actor_id: actorId,
    reason: row.invitation_reason,
  });
  return String(inserted[0].id);
}

/**
 * Moves a bid of the case inside the caller's transaction: the row locked and its status re-read
 * (a colleague may have moved it meanwhile), the move looked up in the table (ConsultationRefused,
 * the French reason, otherwise), the status written with the fields the move changes, and the
 * move logged with the day it happened. With `lockVersion` (an answer's form), null and nothing
 * written when the bid was answered in between; the version is then bumped with the move.
 */
export async function applyBidTransition(
  trx: Trx,
  bid: { id: string; accompanimentId: string },
  event: BidEvent,
  who: Who,
  opts: { fields?: Record<string, unknown>; lockVersion?: number } = {},
) {
  const current = await trx('consultation_bids')
    .where({ id: bid.id, accompaniment_id: bid.accompanimentId })
    .forUpdate()
    .first<{ status: BidStatus; lock_version: number } | undefined>('status', 'lock_version');
  const transition = current && findBidTransition(current.status, event);
  if (!current || !transition) throw new ConsultationRefused(NO_MOVE[event]);
  const versioned = opts.lockVersion !== undefined;
  if (versioned && current.lock_version !== opts.lockVersion) return null;
  await trx('consultation_bids')
    .where({ id: bid.id })
    .update({
      ...opts.fields,
      status: transition.to,
      ...(versioned ? { lock_version: trx.raw('lock_version + 1') } : {}),
    });
  await logTransition(trx, 'consultation_bid_transitions', {
    bid_id: bid.id,
    event,
    from_status: current.status,
    to_status: transition.to,
    happened_on: who.happenedOn,
    actor_id: who.actorId,
    reason: who.reason ?? null,
  });
  return { from: current.status, to: transition.to };
}
