import type { Trx } from '../platform/db';
import type { WriteContext } from '../platform/write';
import type { Id } from '../platform/id';
import type { OrganisationsRow } from '../platform/db-tables';
import { suggestProviders, type SuggestionCase } from '../providers/suggestions';
import { localToday } from '../platform/dates';
import { applyBidTransition, insertBid } from './bid-lifecycle';
import { assertOpen, ConsultationRefused } from './commands';
import { BidStatus, listCriteria } from './queries';
import type { BidAnswer } from './schemas';

/* The bids of a call while it is prepared: inviting a provider, recording its answer, scoring its proposal. */

export class NotAProvider extends Error {}

/** Inviting a provider Jalons did not propose, while it proposed others, needs a reason. */
export class InvitationReasonRequired extends Error {}

/**
 * Invites a provider to the call, recording whether Jalons proposed it (providers/suggestions.ts, read
 * in the same transaction) and why the coordinator chose it: the reason is required when Jalons
 * proposed others and this one is not among them. The bid starts invited (bid-lifecycle.ts).
 */
export async function inviteProvider(
  trx: Trx,
  acc: SuggestionCase,
  providerId: string,
  invitedOn: string,
  reason: string | null,
  actorId: string | null,
) {
  const accompanimentId = acc.id;
  await assertOpen(trx, accompanimentId);
  const org = await trx('organisations')
    .where({ id: providerId, kind: 'provider', active: true })
    .first<Pick<OrganisationsRow, 'id' | 'name'> | undefined>('id', 'name');
  if (!org) throw new NotAProvider();
  const invited = await trx('consultation_bids')
    .where({ accompaniment_id: accompanimentId, provider_id: providerId })
    .first<{ id: Id } | undefined>('id');
  if (invited) return { name: org.name, added: false, suggested: false };
  const suggestions = await suggestProviders(trx, acc);
  const suggested = suggestions.some((s) => s.id === String(providerId));
  if (!suggested && suggestions.length && !reason) throw new InvitationReasonRequired();
  const added = await insertBid(
    trx,
    {
      accompaniment_id: accompanimentId,
      provider_id: providerId,
      invited_on: invitedOn,
      invitation_reason: reason,
      suggested,
    },
    actorId,
  );
  return { name: org.name, added: added !== null, suggested };
}

/**
 * An answer, recorded on an open bid (bid-lifecycle.ts: propose or decline) at the version the
 * form showed: false (nothing written) when someone recorded another answer in between; a
 * refusal when the bid is no longer open.
 */
export async function recordProposal(
  trx: Trx,
  accompanimentId: string,
  bidId: string,
  lockVersion: number,
  p: { received_on: string; proposal_days: string | null; proposal_price_eur: string | null; method: string | null },
  actorId: string | null,
) {
  await assertOpen(trx, accompanimentId);
  const who = { actorId, happenedOn: p.received_on };
  return (
    (await applyBidTransition(trx, { id: bidId, accompanimentId }, 'propose', who, { fields: p, lockVersion })) !== null
  );
}

/** A provider who declines has no proposal: whatever was recorded for it (and its scores) goes. As recordProposal. */
export async function recordDecline(
  trx: Trx,
  accompanimentId: string,
  bidId: string,
  lockVersion: number,
  receivedOn: string | null,
  actorId: string | null,
) {
  await assertOpen(trx, accompanimentId);
  // The scores go too: a scores form opened before this must not bring them back.
  const fields = {
    received_on: receivedOn,
    proposal_days: null,
    proposal_price_eur: null,
    method: null,
    scores_lock_version: trx.raw('scores_lock_version + 1'),
  };
  // The day the refusal came, else the day it is recorded.
  const who = { actorId, happenedOn: receivedOn ?? localToday() };
  const moved = await applyBidTransition(trx, { id: bidId, accompanimentId }, 'decline', who, { fields, lockVersion });
  if (!moved) return false;
  await trx('bid_scores').where({ bid_id: bidId }).del();
  return true;
}

/** The scores of one bid, at the version the form showed: null, nothing written, when someone scored it in between. */
export async function saveScores(
  trx: Trx,
  accompanimentId: string,
  bidId: string,
  lockVersion: number,
  points: Record<string, string>,
) {
  await assertOpen(trx, accompanimentId);
  const bid = await trx('consultation_bids')
    .where({ id: bidId, accompaniment_id: accompanimentId })
    .first<{ status: BidStatus } | undefined>('status');
  if (!bid || bid.status !== 'proposed') throw new ConsultationRefused('consultations.scores.noProposal');
  const n = await trx('consultation_bids')
    .where({ id: bidId, scores_lock_version: lockVersion })
    .update({ scores_lock_version: trx.raw('scores_lock_version + 1') });
  if (n !== 1) return null;
  const criteria = await listCriteria(trx, accompanimentId);
  await trx('bid_scores').where({ bid_id: bidId }).del();
  const rows = criteria
    .filter((c) => points[c.id] !== undefined)
    .map((c) => ({ bid_id: bidId, criterion_id: c.id, points: points[c.id] }));
  if (rows.length) await trx('bid_scores').insert(rows);
  return rows.reduce((s, r) => s + Number(r.points), 0);
}
/** Invites a provider, logged (a second invitation of the same provider is logged as a duplicate). NotAProvider, ConsultationRefused. */
export async function invite(
  w: WriteContext,
  acc: SuggestionCase,
  input: { bid_provider_id: string; bid_invited_on: string; invitation_reason?: string | null },
) {
  const reason = input.invitation_reason ?? null;
  const r = await inviteProvider(w.trx, acc, input.bid_provider_id, input.bid_invited_on, reason, w.actor.userId);
  await w.audit({
    action: r.added ? 'consultation.invite' : 'consultation.invite_duplicate',
    entityType: 'accompaniment',
    entityId: acc.id,
    details: {
      provider_id: input.bid_provider_id,
      provider: r.name,
      invited_on: input.bid_invited_on,
      suggested: r.suggested,
      reason,
    },
  });
  return r;
}

/**
 * Records a provider's answer (its refusal or its proposal) at the version the form showed, logged.
 * False when someone recorded another answer in between (logged as a conflict).
 */
export async function recordAnswer(
  w: WriteContext,
  accompanimentId: string,
  bid: { id: string; provider_name: string },
  lockVersion: number,
  a: BidAnswer,
) {
  const ok =
    a.outcome === 'declined'
      ? await recordDecline(w.trx, accompanimentId, bid.id, lockVersion, a.data.received_on, w.actor.userId)
      : await recordProposal(w.trx, accompanimentId, bid.id, lockVersion, a.data, w.actor.userId);
  const entry = { entityType: 'accompaniment', entityId: accompanimentId };
  await w.audit(
    ok
      ? {
          action: a.outcome === 'declined' ? 'consultation.decline' : 'consultation.proposal',
          ...entry,
          details: { bid_id: bid.id, provider: bid.provider_name, ...a.data },
        }
      : { action: 'consultation.answer_conflict', ...entry, details: { bid_id: bid.id } },
  );
  return ok;
}

/**
 * Saves the scores of a proposal at the version the form showed, logged with their total. Null
 * when someone scored it in between (logged as a conflict); ConsultationRefused as saveScores.
 */
export async function scoreBid(
  w: WriteContext,
  accompanimentId: string,
  bid: { id: string; provider_name: string },
  lockVersion: number,
  points: Record<string, string>,
) {
  const total = await saveScores(w.trx, accompanimentId, bid.id, lockVersion, points);
  const entry = { entityType: 'accompaniment', entityId: accompanimentId };
  await w.audit(
    total === null
      ? { action: 'consultation.scores_conflict', ...entry, details: { bid_id: bid.id } }
      : {
          action: 'consultation.scores',
          ...entry,
          details: { bid_id: bid.id, provider: bid.provider_name, points, total },
        },
  );
  return total;
}
