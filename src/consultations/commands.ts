import { FINAL_STATES, State } from '../accompaniments/states';
import type { Trx } from '../platform/db';
import { refuseBefore } from '../platform/dates';
import type { Locale, MessageKey } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';
import { resultMail } from './mails';
import { BidStatus, listCriteria, lockReason, WITH_PROPOSAL } from './queries';
import type { BidAnswer, CriterionRow, NotificationInput, SelectInput, TermsInput } from './schemas';
import { saveAtVersion } from '../platform/locking';
import type { WriteContext } from '../platform/write';
import type { Id } from '../platform/id';

/** A change the state of the call does not allow; the key is the French reason shown to the user. */
export class ConsultationRefused extends Error {
  constructor(readonly reasonKey: MessageKey) {
    super(reasonKey);
  }
}

/** Criteria whose new maximum is below scores already given: criterion id → highest score. */
export class GridBelowScores extends Error {
  constructor(readonly highest: Record<string, number>) {
    super('grid below scores');
  }
}

export class NotAProvider extends Error {}

/**
 * Locks the case row (the lifecycle locks it too, so a transition and a change of the call never
 * interleave) and re-reads what decides whether the call may change.
 */
async function lockCase(trx: Trx, accompanimentId: string) {
  const acc = await trx('accompaniments').where({ id: accompanimentId }).forUpdate().first('id', 'state');
  const selected = await trx('consultation_bids')
    .where({ accompaniment_id: accompanimentId, status: 'selected' })
    .first<{ id: Id; provider_id: Id } | undefined>('id', 'provider_id');
  return {
    state: acc.state as string,
    selected: selected ?? null,
  };
}

/** Preparing the call (terms, grid, invitations, proposals, scores) is refused once it is decided. */
async function assertOpen(trx: Trx, accompanimentId: string) {
  const { state, selected } = await lockCase(trx, accompanimentId);
  const reason = lockReason(state, Boolean(selected));
  if (reason) throw new ConsultationRefused(reason);
}

/**
 * Optimistic locking of the terms and grid (one form): the save applies only to the version the
 * form showed; null, nothing written, when someone saved in between. Version 0 is also "no terms
 * yet": the first save inserts, and loses against a colleague's first save.
 */
export async function saveTerms(
  trx: Trx,
  accompanimentId: string,
  lockVersion: number,
  terms: TermsInput,
  rows: CriterionRow[],
) {
  await assertOpen(trx, accompanimentId);
  const key = { accompaniment_id: accompanimentId };
  if (
    !(await saveAtVersion(
      trx,
      'consultations',
      key,
      lockVersion,
      { ...terms, updated_at: trx.fn.now() },
      { insertIfNew: true },
    ))
  )
    return null;

  const existing = new Map((await listCriteria(trx, accompanimentId)).map((c) => [c.id, c]));
  const kept = new Set<string>();
  const highest: Record<string, number> = {};
  for (const [position, row] of rows.entries()) {
    if (row.id && existing.has(row.id) && !kept.has(row.id)) {
      kept.add(row.id);
      const top = await trx('bid_scores').where({ criterion_id: row.id }).max('points as top').first();
      if (top?.top !== null && top?.top !== undefined && Number(top.top) > row.max_points)
        highest[row.id] = Number(top.top);
      await trx('consultation_criteria')
        .where({ id: row.id })
        .update({ label: row.label, max_points: row.max_points, position });
    } else {
      await trx('consultation_criteria').insert({
        accompaniment_id: accompanimentId,
        label: row.label,
        max_points: row.max_points,
        position,
      });
    }
  }
  if (Object.keys(highest).length) throw new GridBelowScores(highest);
  const removed = [...existing.keys()].filter((id) => !kept.has(id));
  if (removed.length) await trx('consultation_criteria').whereIn('id', removed).del();
  return { removed: removed.length };
}

export async function inviteProvider(trx: Trx, accompanimentId: string, providerId: string, invitedOn: string) {
  await assertOpen(trx, accompanimentId);
  const org = await trx('organisations').where({ id: providerId, kind: 'provider', active: true }).first('id', 'name');
  if (!org) throw new NotAProvider();
  const inserted = await trx('consultation_bids')
    .insert({ accompaniment_id: accompanimentId, provider_id: providerId, invited_on: invitedOn, status: 'invited' })
    .onConflict(['accompaniment_id', 'provider_id'])
    .ignore()
    .returning<{ id: string }[]>('id');
  return { name: org.name as string, added: inserted.length > 0 };
}

const OPEN_BID: BidStatus[] = ['invited', 'proposed', 'declined'];

/**
 * Records an answer on an open bid, at the version the form showed. False (nothing written) when
 * someone recorded another answer in between; a refusal when the bid is no longer open.
 */
async function answerBid(
  trx: Trx,
  accompanimentId: string,
  bidId: string,
  lockVersion: number,
  patch: Record<string, unknown>,
) {
  const n = await trx('consultation_bids')
    .where({ id: bidId, accompaniment_id: accompanimentId, lock_version: lockVersion })
    .whereIn('status', OPEN_BID)
    .update({ ...patch, lock_version: trx.raw('lock_version + 1') });
  if (n === 1) return true;
  const row = await trx('consultation_bids').where({ id: bidId, accompaniment_id: accompanimentId }).first('status');
  if (!row || !OPEN_BID.includes(row.status)) throw new ConsultationRefused('consultations.locked.selected');
  return false;
}

export async function recordProposal(
  trx: Trx,
  accompanimentId: string,
  bidId: string,
  lockVersion: number,
  p: { received_on: string; proposal_days: string | null; proposal_price_eur: string | null; method: string | null },
) {
  await assertOpen(trx, accompanimentId);
  return answerBid(trx, accompanimentId, bidId, lockVersion, { status: 'proposed', ...p });
}

/** A provider who declines has no proposal: whatever was recorded for it (and its scores) goes. */
export async function recordDecline(
  trx: Trx,
  accompanimentId: string,
  bidId: string,
  lockVersion: number,
  receivedOn: string | null,
) {
  await assertOpen(trx, accompanimentId);
  // The scores go too: a scores form opened before this must not bring them back.
  const patch = {
    status: 'declined',
    received_on: receivedOn,
    proposal_days: null,
    proposal_price_eur: null,
    method: null,
    scores_lock_version: trx.raw('scores_lock_version + 1'),
  };
  if (!(await answerBid(trx, accompanimentId, bidId, lockVersion, patch))) return false;
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
  const bid = await trx('consultation_bids').where({ id: bidId, accompaniment_id: accompanimentId }).first('status');
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

type CaseInfo = { id: string; title: string; operator_name: string };

/** Who hears about the result for a provider: its contact e-mail if set, else each of its active users. */
async function recipientsOf(trx: Trx, providerId: string): Promise<{ to: string; locale: Locale }[]> {
  const org = await trx('organisations').where({ id: providerId }).first('email');
  if (org?.email) return [{ to: org.email, locale: 'fr' }];
  const users = await trx('users')
    .where({ organisation_id: providerId, status: 'active' })
    .orderBy('id')
    .select('email', 'locale');
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
  const bid = await trx('consultation_bids').where({ id: bidId, accompaniment_id: acc.id }).first('status');
  if (!bid || bid.status !== 'proposed') throw new ConsultationRefused('consultations.select.notAProposal');
  const floors = await trx('accompaniments as a')
    .leftJoin('consultations as c', 'c.accompaniment_id', 'a.id')
    .where('a.id', acc.id)
    .first(
      'a.intake_on',
      'c.launched_on',
      trx.raw(
        `(select max(b.received_on) from consultation_bids b where b.accompaniment_id = a.id and b.status = 'proposed') as last_received_on`,
      ),
    );
  refuseBefore('selected_on', s.selected_on, floors?.intake_on, 'consultations.select.beforeIntake');
  refuseBefore('selected_on', s.selected_on, floors?.launched_on, 'consultations.select.beforeLaunch');
  refuseBefore('selected_on', s.selected_on, floors?.last_received_on, 'consultations.select.beforeProposal');

  await trx('consultation_bids')
    .where({ accompaniment_id: acc.id, status: 'proposed' })
    .whereNot({ id: bidId })
    .update({ status: 'not_selected' });
  await trx('consultation_bids').where({ id: bidId }).update({ status: 'selected' });
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

/** Going back on a selection is explicit, only while the case is still in the consultation state. */
export async function unselectBid(trx: Trx, accompanimentId: string) {
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
  await trx('consultation_bids')
    .where({ accompaniment_id: accompanimentId })
    .whereIn('status', ['selected', 'not_selected'])
    .update({ status: 'proposed', notified_on: null, notified_channel: null, notification_recorded_at: null });
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
    .first('status', 'notified_on');
  if (!bid || !['selected', 'not_selected'].includes(bid.status))
    throw new ConsultationRefused('consultations.notify.notABidder');
  if (bid.notified_on) throw new ConsultationRefused('consultations.notify.already');
  const c = await trx('consultations').where({ accompaniment_id: accompanimentId }).first('selected_on');
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
  const bid = await trx('consultation_bids').where({ id: selected.id }).first('proposal_days', 'proposal_price_eur');
  const n = await trx('accompaniments')
    .where({ id: accompanimentId })
    .where((q) => q.whereNull('budget_days').orWhereNull('budget_eur'))
    .update({
      budget_days: trx.raw('coalesce(budget_days, ?)', [bid.proposal_days]),
      budget_eur: trx.raw('coalesce(budget_eur, ?)', [bid.proposal_price_eur]),
      lock_version: trx.raw('lock_version + 1'),
      updated_at: trx.fn.now(),
    });
  return { changed: n === 1, days: bid.proposal_days as string | null, price: bid.proposal_price_eur as string | null };
}

/**
 * Saves the terms and the grid at the version the form showed, logged (with the criteria kept and
 * how many went). False when someone saved in between (logged as a conflict); GridBelowScores and
 * ConsultationRefused as saveTerms.
 */
export async function updateTerms(
  w: WriteContext,
  accompanimentId: string,
  lockVersion: number,
  terms: TermsInput,
  rows: CriterionRow[],
) {
  const saved = await saveTerms(w.trx, accompanimentId, lockVersion, terms, rows);
  if (!saved) {
    await w.audit({
      action: 'consultation.terms_update_conflict',
      entityType: 'accompaniment',
      entityId: accompanimentId,
    });
    return false;
  }
  await w.audit({
    action: 'consultation.terms_update',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: {
      ...terms,
      criteria: rows.map((r) => ({ label: r.label, max_points: r.max_points })),
      criteria_removed: saved.removed,
    },
  });
  return true;
}

/** Invites a provider, logged (a second invitation of the same provider is logged as a duplicate). NotAProvider, ConsultationRefused. */
export async function invite(
  w: WriteContext,
  accompanimentId: string,
  input: { bid_provider_id: string; bid_invited_on: string },
) {
  const r = await inviteProvider(w.trx, accompanimentId, input.bid_provider_id, input.bid_invited_on);
  await w.audit({
    action: r.added ? 'consultation.invite' : 'consultation.invite_duplicate',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { provider_id: input.bid_provider_id, provider: r.name, invited_on: input.bid_invited_on },
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
      ? await recordDecline(w.trx, accompanimentId, bid.id, lockVersion, a.data.received_on)
      : await recordProposal(w.trx, accompanimentId, bid.id, lockVersion, a.data);
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
  const previous = await unselectBid(w.trx, accompanimentId);
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
