import type { Db, Trx } from '../platform/db';
import type { Translate } from '../platform/i18n';
import type { Id } from '../platform/id';

export type Consultation = {
  accompaniment_id: string;
  objectives: string | null;
  days: string | null;
  budget_eur: string | null;
  deadline: string | null;
  launched_on: string | null;
  selected_bid_id: string | null;
  selection_rationale: string | null;
  selected_on: string | null;
  selected_by: string | null;
  selected_by_name: string | null;
  updated_at: Date;
  lock_version: number;
};

export type Criterion = { id: string; label: string; max_points: number; position: number };

export type BidStatus = 'invited' | 'proposed' | 'declined' | 'selected' | 'not_selected';

export type Bid = {
  id: string;
  provider_id: string;
  provider_name: string;
  invited_on: string;
  status: BidStatus;
  received_on: string | null;
  proposal_days: string | null;
  proposal_price_eur: string | null;
  method: string | null;
  notified_at: Date | null;
  /** The day the bidder was told the result and how; null when nothing was recorded. */
  notified_on: string | null;
  notified_channel: 'email' | 'phone' | 'letter' | 'in_person' | null;
  /** When that notification was recorded (« saisi le … »). */
  notification_recorded_at: Date | null;
  /** The provider has an address the result e-mail can go to (its own, or an active user's). */
  reachable: boolean;
  /** Jalons proposed this provider when it was invited (providers/suggestions.ts), and why it was invited. */
  suggested: boolean;
  invitation_reason: string | null;
  total: number | null;
  scored: number;
  /** The answer form's version, and the scores form's (two forms, two versions). */
  lock_version: number;
  scores_lock_version: number;
};

/** Statuses in which the provider sent a proposal (and may be scored and chosen). */
export const WITH_PROPOSAL: BidStatus[] = ['proposed', 'selected', 'not_selected'];

/** Before the convention, the call can be prepared; the choice itself is made in the consultation state. */
export const PREPARATION_STATES = ['intake', 'diagnostic', 'consultation'];

/*
 * Each read below is a query builder that the consultation page runs alone and the case page's
 * section sends with the others in one statement (readTogether, section-query.ts): one definition
 * of what is read. Numerics are selected as text (as the pg driver gives them) so that both ways
 * give the same rows.
 */
export const consultationQuery = (db: Db | Trx, accompanimentId: string) =>
  db('consultations as c')
    .leftJoin('users as u', 'u.id', 'c.selected_by')
    .where('c.accompaniment_id', accompanimentId)
    .select(
      'c.accompaniment_id',
      'c.objectives',
      db.raw('c.days::text as days'),
      db.raw('c.budget_eur::text as budget_eur'),
      'c.deadline',
      'c.launched_on',
      'c.selected_bid_id',
      'c.selection_rationale',
      'c.selected_on',
      'c.selected_by',
      'c.updated_at',
      'c.lock_version',
      'u.name as selected_by_name',
    );

export async function findConsultation(db: Db | Trx, accompanimentId: string): Promise<Consultation | null> {
  const [row] = (await consultationQuery(db, accompanimentId)) as Consultation[];
  return row ?? null;
}

export const criteriaQuery = (db: Db | Trx, accompanimentId: string) =>
  db('consultation_criteria')
    .where({ accompaniment_id: accompanimentId })
    .orderBy([{ column: 'position' }, { column: 'id' }])
    .select('id', 'label', 'max_points', 'position');

export async function listCriteria(db: Db | Trx, accompanimentId: string): Promise<Criterion[]> {
  return (await criteriaQuery(db, accompanimentId)) as Criterion[];
}

export const gridTotal = (criteria: Criterion[]) => criteria.reduce((s, c) => s + c.max_points, 0);

/** Whether the result e-mail reaches the provider: as recipientsOf in commands.ts (its address, else its active users). */
export const REACHABLE = `(coalesce(o.email, '') <> '' or exists (select 1 from users ru where ru.organisation_id = o.id and ru.status = 'active')) as reachable`;

/** Every bid with its provider, its total score and how many criteria it was scored on. */
export const bidsQuery = (db: Db | Trx, accompanimentId: string) =>
  db('consultation_bids as b')
    .join('organisations as o', 'o.id', 'b.provider_id')
    .where('b.accompaniment_id', accompanimentId)
    .select(
      'b.id',
      'b.provider_id',
      'o.name as provider_name',
      'b.invited_on',
      'b.status',
      'b.received_on',
      db.raw('b.proposal_days::text as proposal_days'),
      db.raw('b.proposal_price_eur::text as proposal_price_eur'),
      'b.method',
      'b.notified_at',
      'b.notified_on',
      'b.notified_channel',
      'b.notification_recorded_at',
      db.raw(REACHABLE),
      'b.suggested',
      'b.invitation_reason',
      'b.lock_version',
      'b.scores_lock_version',
      db.raw('(select sum(s.points) from bid_scores s where s.bid_id = b.id) as total'),
      db.raw('(select count(*) from bid_scores s where s.bid_id = b.id) as scored'),
    )
    .orderBy('o.name');

/** The rows of bidsQuery as the page uses them: sums and counts as numbers. */
export type BidRow = Omit<Bid, 'total' | 'scored'> & { total: string | null; scored: string };
export const toBid = (r: BidRow): Bid => ({
  ...r,
  total: r.total === null ? null : Number(r.total),
  scored: Number(r.scored),
});

export async function listBids(db: Db | Trx, accompanimentId: string): Promise<Bid[]> {
  return ((await bidsQuery(db, accompanimentId)) as BidRow[]).map(toBid);
}

export async function findBid(db: Db | Trx, accompanimentId: string, bidId: string) {
  const bids = await listBids(db, accompanimentId);
  return bids.find((b) => b.id === bidId) ?? null;
}

export async function scoresOf(db: Db | Trx, bidId: string): Promise<Record<string, string>> {
  const rows = await db('bid_scores')
    .where({ bid_id: bidId })
    .select<{ criterion_id: Id; points: string }[]>('criterion_id', 'points');
  return Object.fromEntries(rows.map((r) => [String(r.criterion_id), String(Number(r.points))]));
}

/** Provider organisations that may still be invited to this call. */
export function providerChoices(db: Db, accompanimentId: string) {
  return db('organisations as o')
    .where({ 'o.kind': 'provider', 'o.active': true })
    .whereNotExists(
      db('consultation_bids as b').whereRaw('b.provider_id = o.id').where('b.accompaniment_id', accompanimentId),
    )
    .orderBy('o.name')
    .select<{ id: Id; name: string }[]>('o.id', 'o.name');
}

export type Outcome = {
  provider_name: string;
  proposal_days: string | null;
  proposal_price_eur: string | null;
  selected_on: string | null;
};

/**
 * The only part of the call that people outside the operator may see: who, how many days, what price
 * (its numerics as text, so that it reads the same with the case page's other reads: readTogether).
 */
export function selectedOutcomeQuery(db: Db, accompanimentId: string) {
  return db('consultation_bids as b')
    .join('organisations as o', 'o.id', 'b.provider_id')
    .leftJoin('consultations as c', 'c.accompaniment_id', 'b.accompaniment_id')
    .where({ 'b.accompaniment_id': accompanimentId, 'b.status': 'selected' })
    .limit(1)
    .select(
      'o.name as provider_name',
      db.raw('b.proposal_days::text as proposal_days'),
      db.raw('b.proposal_price_eur::text as proposal_price_eur'),
      'c.selected_on',
    );
}

/** The default grid of the case sheet (out of 70), labelled in the reader's language. */
export function defaultCriteria(t: Translate) {
  return [
    { id: '', label: t('consultations.criteria.default.understanding'), max: '20' },
    { id: '', label: t('consultations.criteria.default.method'), max: '20' },
    { id: '', label: t('consultations.criteria.default.experience'), max: '20' },
    { id: '', label: t('consultations.criteria.default.price'), max: '10' },
  ];
}

/** Catalogue key explaining why the call cannot be changed now, or null when it can. */
export type LockedReason = 'consultations.locked.selected' | 'consultations.locked.state' | null;

export function lockReason(state: string, hasSelection: boolean): LockedReason {
  if (!PREPARATION_STATES.includes(state)) return 'consultations.locked.state';
  if (hasSelection) return 'consultations.locked.selected';
  return null;
}
