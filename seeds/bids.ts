import type { Trx } from '../src/platform/db';
import { applyBidTransition, insertBid } from '../src/consultations/bid-lifecycle';

/**
 * A demo bid recorded as a coordinator would have: invited, its proposal received, then the decision
 * (selected or set aside) with how the bidder was told, each through the bid's transition table
 * (consultations/bid-lifecycle.ts) on the day it happened, so the bid has its log like any other.
 * The case's consultation row (selection, rationale) is the caller's. The bid's id.
 */
export async function seedDecidedBid(
  trx: Trx,
  bid: {
    accompanimentId: string;
    providerId: string;
    invitedOn: string;
    invitationReason?: string | null;
    suggested?: boolean;
    receivedOn: string;
    proposal: { proposal_days: string; proposal_price_eur: string; method: string };
    decision: 'select' | 'set_aside';
    decidedOn: string;
    notified: { notified_at: string; notified_on: string; notified_channel: string; notification_recorded_at: string };
  },
  actorId: string,
) {
  const id = await insertBid(
    trx,
    {
      accompaniment_id: bid.accompanimentId,
      provider_id: bid.providerId,
      invited_on: bid.invitedOn,
      invitation_reason: bid.invitationReason ?? null,
      suggested: bid.suggested ?? false,
    },
    actorId,
  );
  if (!id) throw new Error(`The demo bid of provider ${bid.providerId} already exists`);
  const ref = { id, accompanimentId: bid.accompanimentId };
  await applyBidTransition(
    trx,
    ref,
    'propose',
    { actorId, happenedOn: bid.receivedOn },
    { fields: { received_on: bid.receivedOn, ...bid.proposal } },
  );
  await applyBidTransition(trx, ref, bid.decision, { actorId, happenedOn: bid.decidedOn }, { fields: bid.notified });
  return id;
}
