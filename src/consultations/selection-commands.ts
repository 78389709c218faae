import { FINAL_STATES, State } from '../accompaniments/states';
import type { Trx } from '../platform/db';
import { localToday, refuseBefore } from '../platform/dates';
import type { Locale } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';
import type { WriteContext } from '../platform/write';
import type { Id } from '../platform/id';
import type { OrganisationsRow, UsersRow } from '../platform/db-tables';
import { applyBidTransition } from './bid-lifecycle';
import { ConsultationRefused, lockCase } from './commands';
import { resultMail } from './mails';
import { type BidStatus, WITH_PROPOSAL } from './queries';
import type { NotificationInput, SelectInput } from './schemas';

/*
 * Deciding the call: the selection, how each bidder was told, going back on it, and the chosen
 * proposal's budget applied to the case (preparing the call — terms, grid, invitations, proposals,
 * scores — is commands.ts).
 */

type CaseInfo = { id: string; title: string; operator_name: string };

/** Who hears about the result for a provider: its contact e-mail if set, else each of its active users. */
async function recipientsOf(trx: Trx, providerId: string): Promise<{ to: string; locale: Locale }[]> {
  const org = await trx('organisations')
    .where({ id: providerId })
    .first<Pick<OrganisationsRow, 'email'> | undefined>('email');
  if (org?.email) return [{ to: org.email, locale: 'fr' }];
  const users = await trx('users')
    .where({ organisation_id: providerId, status: 'active' })
    .orderBy('id')
    .select<Pick<UsersRow, 'email' | 'locale'>[]>('email', 'locale');
  return users.map((u) => ({ to: u.email, locale: u.locale === 'en' ? 'en' : 'fr' }));
}

/**
 * The decision: one bid selected, every other proposal not selected, the selection record written,
 * and a result notice queued for every bidder with an address (unless the result was already told
 * outside Jalons: `no_mail`) — all or nothing, in the caller's transaction. The day of the
 * selection (never in the future: the schema) may not fall before the case's intake, the call's
 * launch, nor the last proposal received (DateRefused on selected_on). The bidders e-mailed are
 * recorded as told that day by e-mail; the others are told another way (recordNotification).
 */
export async function selectBid(trx: Trx, acc: CaseInfo, bidId: string, s: SelectInput, actorId: string) {
  const { state, selected } = await lockCase(trx, acc.id);
  if (state !== 'consultation') throw new ConsultationRefused('consultations.select.wrongState');
  if (selected) throw new ConsultationRefused('consultations.select.already');
  const bid = await trx('consultation_bids')
    .where({ id: bidId, accompaniment_id: acc.id })
    .first<{ status: BidStatus } | undefined>('status');
  if (!bid || bid.status !== 'proposed') throw new ConsultationRefused('consultations.select.notAProposal');
  const floors = await trx('accompaniments as a')
    .leftJoin('consultations as c', 'c.accompaniment_id', 'a.id')
    .where('a.id', acc.id)
    .first<{ intake_on: string; launched_on: string | null; last_received_on: string | null } | undefined>(
      'a.intake_on',
      'c.launched_on',
      trx.raw(
        `(select max(b.received_on) from consultation_bids b where b.accompaniment_id = a.id and b.status = 'proposed') as last_received_on`,
      ),
    );
  refuseBefore('selected_on', s.selected_on, floors?.intake_on, 'consultations.select.beforeIntake');
  refuseBefore('selected_on', s.selected_on, floors?.launched_on, 'consultations.select.beforeLaunch');
  refuseBefore('selected_on', s.selected_on, floors?.last_received_on, 'consultations.select.beforeProposal');

  // Through the bids' table (bid-lifecycle.ts): the other proposals set aside, then this one selected.
  const who = { actorId, happenedOn: s.selected_on };
  const others = await trx('consultation_bids')
    .where({ accompaniment_id: acc.id, status: 'proposed' })
    .whereNot({ id: bidId })
    .orderBy('id')
    .pluck<Id[]>('id');
  for (const id of others) await applyBidTransition(trx, { id, accompanimentId: acc.id }, 'set_aside', who);
  await applyBidTransition(trx, { id: bidId, accompanimentId: acc.id }, 'select', who);
  await trx('consultations')
    .insert({
      accompaniment_id: acc.id,
      selected_bid_id: bidId,
      selection_rationale: s.selection_rationale,
      selected_on: s.selected_on,
      selected_by: actorId,
      updated_at: trx.fn.now(),
    })
    .onConflict('accompaniment_id')
    .merge(['selected_bid_id', 'selection_rationale', 'selected_on', 'selected_by', 'updated_at']);

  const bidders = await trx('consultation_bids as b')
    .join('organisations as o', 'o.id', 'b.provider_id')
    .where('b.accompaniment_id', acc.id)
    .whereIn('b.status', WITH_PROPOSAL)
    .orderBy('b.id')
    .select<
      {
        id: Id;
        provider_id: Id;
        status: string;
        proposal_days: string | null;
        proposal_price_eur: string | null;
        name: string;
      }[]
    >('b.id', 'b.provider_id', 'b.status', 'b.proposal_days', 'b.proposal_price_eur', 'o.name');
  let mails = 0;
  const notified: string[] = [];
  let selectedName = '';
  for (const b of bidders) {
    const isSelected = b.id === bidId;
    if (isSelected) selectedName = b.name;
    const recipients = s.no_mail ? [] : await recipientsOf(trx, String(b.provider_id));
    for (const r of recipients) {
      await enqueueMail(
        trx,
        resultMail({
          to: r.to,
          locale: r.locale,
          selected: isSelected,
          title: acc.title,
          operator: acc.operator_name,
          days: b.proposal_days === null ? null : String(b.proposal_days),
          price: b.proposal_price_eur === null ? null : String(b.proposal_price_eur),
        }),
      );
      mails++;
    }
    if (recipients.length) notified.push(b.id);
  }
  if (notified.length) {
    await trx('consultation_bids').whereIn('id', notified).update({
      notified_at: trx.fn.now(),
      notified_on: s.selected_on,
      notified_channel: 'email',
      notification_recorded_at: trx.fn.now(),
    });
  }
  return { providerName: selectedName, mails, bidders: bidders.length, unreached: bidders.length - notified.length };
}

/**
 * Going back on a selection is explicit, only while the case is still in the consultation state:
 * every bid selected or set aside is reopened (proposed again), logged today with the reason.
 */
export async function unselectBid(trx: Trx, accompanimentId: string, who: { actorId: string | null; reason: string }) {
  const { state, selected } = await lockCase(trx, accompanimentId);
  if (state !== 'consultation') throw new ConsultationRefused('consultations.unselect.wrongState');
  if (!selected) throw new ConsultationRefused('consultations.unselect.nothing');
  await trx('consultations').where({ accompaniment_id: accompanimentId }).update({
    selected_bid_id: null,
    selection_rationale: null,
    selected_on: null,
    selected_by: null,
    updated_at: trx.fn.now(),
  });
  // The result told was withdrawn with the decision (the audit log keeps it): the next decision is told afresh.
  const decided = await trx('consultation_bids')
    .where({ accompaniment_id: accompanimentId })
    .whereIn('status', ['selected', 'not_selected'])
    .orderBy('id')
    .pluck<Id[]>('id');
  const fields = { notified_on: null, notified_channel: null, notification_recorded_at: null };
  for (const id of decided)
    await applyBidTransition(trx, { id, accompanimentId }, 'reopen', { ...who, happenedOn: localToday() }, { fields });
  return selected;
}

/**
 * Records how and when a bidder was told the result when no e-mail went out from Jalons (no
 * address, or told beforehand): phone, letter, by hand, or an e-mail sent elsewhere. Only once a
 * provider is selected, once per bidder; the day (never in the future: the schema) may not fall
 * before the selection (DateRefused on notified_on).
 */
export async function recordNotification(trx: Trx, accompanimentId: string, bidId: string, n: NotificationInput) {
  const { selected } = await lockCase(trx, accompanimentId);
  if (!selected) throw new ConsultationRefused('consultations.notify.noDecision');
  const bid = await trx('consultation_bids')
    .where({ id: bidId, accompaniment_id: accompanimentId })
    .first<{ status: BidStatus; notified_on: string | null } | undefined>('status', 'notified_on');
  if (!bid || !['selected', 'not_selected'].includes(bid.status))
    throw new ConsultationRefused('consultations.notify.notABidder');
  if (bid.notified_on) throw new ConsultationRefused('consultations.notify.already');
  const c = await trx('consultations')
    .where({ accompaniment_id: accompanimentId })
    .first<{ selected_on: string | null } | undefined>('selected_on');
  refuseBefore('notified_on', n.notified_on, c?.selected_on, 'consultations.notify.beforeSelection');
  await trx('consultation_bids').where({ id: bidId }).update({
    notified_on: n.notified_on,
    notified_channel: n.notified_channel,
    notification_recorded_at: trx.fn.now(),
  });
}

/** Copies the selected proposal into the case's budget fields that are still empty; never overwrites. */
export async function applySelectedBudget(trx: Trx, accompanimentId: string) {
  const { state, selected } = await lockCase(trx, accompanimentId);
  if (FINAL_STATES.includes(state as State)) throw new ConsultationRefused('consultations.locked.state');
  if (!selected) throw new ConsultationRefused('consultations.unselect.nothing');
  const bid = await trx('consultation_bids')
    .where({ id: selected.id })
    .first<{ proposal_days: string | null; proposal_price_eur: string | null }>('proposal_days', 'proposal_price_eur');
  const n = await trx('accompaniments')
    .where({ id: accompanimentId })
    .where((q) => q.whereNull('budget_days').orWhereNull('budget_eur'))
    .update({
      budget_days: trx.raw('coalesce(budget_days, ?)', [bid.proposal_days]),
      budget_eur: trx.raw('coalesce(budget_eur, ?)', [bid.proposal_price_eur]),
      lock_version: trx.raw('lock_version + 1'),
      updated_at: trx.fn.now(),
    });
  return { changed: n === 1, days: bid.proposal_days, price: bid.proposal_price_eur };
}

/** The selection (selectBid), logged with the provider chosen and the notices queued. */
export async function select(w: WriteContext, acc: CaseInfo, s: SelectInput, actorId: string) {
  const r = await selectBid(w.trx, acc, s.selected_bid_id, s, actorId);
  await w.audit({
    action: 'consultation.select',
    entityType: 'accompaniment',
    entityId: acc.id,
    details: {
      bid_id: s.selected_bid_id,
      provider: r.providerName,
      selected_on: s.selected_on,
      rationale: s.selection_rationale,
      mails: r.mails,
      no_mail: s.no_mail,
    },
  });
  return r;
}

/** A bidder told the result another way (recordNotification), logged. */
export async function notifyBidder(
  w: WriteContext,
  accompanimentId: string,
  bid: { id: string; provider_name: string },
  n: NotificationInput,
) {
  await recordNotification(w.trx, accompanimentId, bid.id, n);
  await w.audit({
    action: 'consultation.notify',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { bid_id: bid.id, provider: bid.provider_name, ...n },
  });
}

/** Going back on the selection (unselectBid), logged with its reason. */
export async function unselect(w: WriteContext, accompanimentId: string, reason: string) {
  const previous = await unselectBid(w.trx, accompanimentId, { actorId: w.actor.userId, reason });
  await w.audit({
    action: 'consultation.unselect',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { bid_id: previous.id, provider_id: previous.provider_id, reason },
  });
}

/** The selected proposal's days and price applied to the case (applySelectedBudget), logged even when nothing changed. */
export async function applyBudget(w: WriteContext, accompanimentId: string) {
  const applied = await applySelectedBudget(w.trx, accompanimentId);
  await w.audit({
    action: applied.changed ? 'consultation.apply_budget' : 'consultation.apply_budget_noop',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { days: applied.days, price: applied.price },
  });
  return applied;
}
