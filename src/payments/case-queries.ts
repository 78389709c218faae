/**
 * What a case holds for paying its provider: its orders, its commitments to order on, the bid
 * selected, its current convention and its phases (the order form and the case's section).
 */
import type { Db, Trx } from '../platform/db';
import type { Id } from '../platform/id';
import { orderMoneyColumns, type OrderMoney } from './queries';

/** The orders of a case (newest first) with their provider and money states. */
export type CaseOrderRow = OrderMoney & {
  id: Id;
  number: string;
  issued_on: string;
  status: string;
  provider_name: string;
  envelope_label: string;
};

export function caseOrders(db: Db | Trx, accompanimentId: string) {
  return db('purchase_orders as o')
    .join('organisations as pr', 'pr.id', 'o.provider_id')
    .join('envelope_commitments as ec', 'ec.id', 'o.commitment_id')
    .join('funding_envelopes as fe', 'fe.id', 'ec.envelope_id')
    .where('o.accompaniment_id', accompanimentId)
    .orderBy([
      { column: 'o.issued_on', order: 'desc' },
      { column: 'o.id', order: 'desc' },
    ])
    .select<CaseOrderRow[]>(
      'o.id',
      'o.number',
      'o.issued_on',
      'o.status',
      'pr.name as provider_name',
      'fe.label as envelope_label',
      ...orderMoneyColumns(db),
    );
}

/** The case's commitments still committed, with their envelope and what is already ordered on each. */
export type CommitmentChoice = {
  id: Id;
  amount_eur: string;
  committed_on: string;
  envelope_label: string;
  funder_name: string;
  year: number;
  ordered_eur: string;
};

export function commitmentChoices(db: Db | Trx, accompanimentId: string) {
  return db('envelope_commitments as ec')
    .join('funding_envelopes as fe', 'fe.id', 'ec.envelope_id')
    .join('organisations as fu', 'fu.id', 'fe.funder_id')
    .where({ 'ec.accompaniment_id': accompanimentId, 'ec.status': 'committed' })
    .orderBy([{ column: 'ec.committed_on' }, { column: 'ec.id' }])
    .select<CommitmentChoice[]>(
      'ec.id',
      'ec.amount_eur',
      'ec.committed_on',
      'fe.label as envelope_label',
      'fu.name as funder_name',
      'fe.year',
      db.raw(
        `(select coalesce(sum(o.amount_incl_vat_eur), 0)::text from purchase_orders o where o.commitment_id = ec.id and o.status <> 'cancelled') as ordered_eur`,
      ),
    );
}

/** The case's committed total (commitments not released). */
export async function committedOnCase(db: Db | Trx, accompanimentId: string) {
  const row = await db('envelope_commitments')
    .where({ accompaniment_id: accompanimentId, status: 'committed' })
    .first<{ total: string }>(db.raw('coalesce(sum(amount_eur), 0)::text as total'));
  return row?.total ?? '0';
}

/** The bid selected for the case (the provider an order goes to), with its price and days. */
export type SelectedBid = {
  id: Id;
  provider_id: Id;
  provider_name: string;
  proposal_days: string | null;
  proposal_price_eur: string | null;
};

export function selectedBid(db: Db | Trx, accompanimentId: string) {
  return db('consultation_bids as b')
    .join('organisations as pr', 'pr.id', 'b.provider_id')
    .where({ 'b.accompaniment_id': accompanimentId, 'b.status': 'selected' })
    .orderBy('b.id', 'desc')
    .first<SelectedBid | undefined>(
      'b.id',
      'b.provider_id',
      'pr.name as provider_name',
      'b.proposal_days',
      'b.proposal_price_eur',
    );
}

/** The case's current convention (its latest version not voided): what an order refers to. */
export function currentConvention(db: Db | Trx, accompanimentId: string) {
  return db('conventions')
    .where({ accompaniment_id: accompanimentId })
    .whereNull('voided_at')
    .orderBy('version', 'desc')
    .first<{ id: Id; version: number; issued_on: string } | undefined>('id', 'version', 'issued_on');
}

export function casePhases(db: Db | Trx, accompanimentId: string) {
  return db('phases')
    .where({ accompaniment_id: accompanimentId })
    .orderBy([{ column: 'position' }, { column: 'id' }])
    .select<{ id: Id; name: string; planned_end: string | null; actual_end: string | null }[]>(
      'id',
      'name',
      'planned_end',
      'actual_end',
    );
}
