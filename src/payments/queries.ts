import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import type { Id } from '../platform/id';
import { scopeOrders } from './scope';

/** A purchase order with what its page, its PDF and its commands need. */
export type OrderRow = {
  id: Id;
  number: string;
  issued_on: string;
  amount_excl_vat_eur: string;
  amount_incl_vat_eur: string;
  status: string;
  lock_version: number;
  operator_id: Id;
  provider_id: Id;
  accompaniment_id: Id;
  commitment_id: Id;
  bid_id: Id | null;
  operator_name: string;
  provider_name: string;
  acc_title: string;
  coordinator_id: Id | null;
  commitment_amount_eur: string;
  envelope_label: string;
  funder_name: string;
};

export function findOrder(db: Db | Trx, user: SessionUser, id: string) {
  return scopeOrders(
    user,
    db('purchase_orders as o')
      .join('organisations as op', 'op.id', 'o.operator_id')
      .join('organisations as pr', 'pr.id', 'o.provider_id')
      .join('accompaniments as a', 'a.id', 'o.accompaniment_id')
      .join('envelope_commitments as ec', 'ec.id', 'o.commitment_id')
      .join('funding_envelopes as fe', 'fe.id', 'ec.envelope_id')
      .join('organisations as fu', 'fu.id', 'fe.funder_id')
      .where('o.id', id)
      .first<OrderRow | undefined>(
        'o.id',
        'o.number',
        'o.issued_on',
        'o.amount_excl_vat_eur',
        'o.amount_incl_vat_eur',
        'o.status',
        'o.lock_version',
        'o.operator_id',
        'o.provider_id',
        'o.accompaniment_id',
        'o.commitment_id',
        'o.bid_id',
        'op.name as operator_name',
        'pr.name as provider_name',
        'a.title as acc_title',
        'a.coordinator_id',
        'ec.amount_eur as commitment_amount_eur',
        'fe.label as envelope_label',
        'fu.name as funder_name',
      ),
  );
}

export type InvoiceRow = {
  id: Id;
  purchase_order_id: Id;
  provider_id: Id;
  number: string;
  invoiced_on: string;
  amount_excl_vat_eur: string;
  amount_incl_vat_eur: string;
  status: string;
  lock_version: number;
  document_id: Id | null;
  paid_eur: string;
  reason: string | null;
};

const invoiceColumns = (db: Db | Trx) => [
  'i.id',
  'i.purchase_order_id',
  'i.provider_id',
  'i.number',
  'i.invoiced_on',
  'i.amount_excl_vat_eur',
  'i.amount_incl_vat_eur',
  'i.status',
  'i.lock_version',
  'i.document_id',
  db.raw('(select coalesce(sum(p.amount_eur), 0)::text from payments p where p.invoice_id = i.id) as paid_eur'),
  // Why it was rejected, when it was.
  db.raw(
    `(select t.reason from provider_invoice_transitions t where t.invoice_id = i.id and t.event = 'reject' order by t.id desc limit 1) as reason`,
  ),
];

/** An invoice, through the scope of its order (404 outside it). */
export function findInvoice(db: Db, user: SessionUser, id: string) {
  return scopeOrders(
    user,
    db('provider_invoices as i')
      .join('purchase_orders as o', 'o.id', 'i.purchase_order_id')
      .where('i.id', id)
      .first<InvoiceRow | undefined>(invoiceColumns(db)),
  );
}

export function orderInvoices(db: Db | Trx, orderId: string) {
  return db('provider_invoices as i')
    .where('i.purchase_order_id', orderId)
    .orderBy([{ column: 'i.invoiced_on' }, { column: 'i.id' }])
    .select<InvoiceRow[]>(invoiceColumns(db));
}

export type CertificationRow = {
  id: Id;
  certified_on: string;
  amount_eur: string;
  note: string | null;
  phase_name: string | null;
  certified_by_name: string | null;
};

export function orderCertifications(db: Db | Trx, orderId: string) {
  return db('service_certifications as c')
    .leftJoin('phases as ph', 'ph.id', 'c.phase_id')
    .leftJoin('users as u', 'u.id', 'c.certified_by')
    .where('c.purchase_order_id', orderId)
    .orderBy([{ column: 'c.certified_on' }, { column: 'c.id' }])
    .select<CertificationRow[]>(
      'c.id',
      'c.certified_on',
      'c.amount_eur',
      'c.note',
      'ph.name as phase_name',
      'u.name as certified_by_name',
    );
}

export type PaymentRow = {
  id: Id;
  invoice_id: Id;
  invoice_number: string;
  paid_on: string;
  amount_eur: string;
  reference: string | null;
};

export function orderPayments(db: Db | Trx, orderId: string) {
  return db('payments as p')
    .join('provider_invoices as i', 'i.id', 'p.invoice_id')
    .where('i.purchase_order_id', orderId)
    .orderBy([{ column: 'p.paid_on' }, { column: 'p.id' }])
    .select<PaymentRow[]>(
      'p.id',
      'p.invoice_id',
      'i.number as invoice_number',
      'p.paid_on',
      'p.amount_eur',
      'p.reference',
    );
}

/** What the order's log says of a cancellation: the day and the reason. */
export function orderCancellation(db: Db | Trx, orderId: string) {
  return db('purchase_order_transitions')
    .where({ purchase_order_id: orderId, event: 'cancel' })
    .orderBy('id', 'desc')
    .first<{ happened_on: string; reason: string | null } | undefined>('happened_on', 'reason');
}

/**
 * The money states of orders, including VAT (what an envelope counts): ordered, service done
 * (certified), invoiced (invoices not rejected) and paid; as numeric text, summed by the database.
 */
export type OrderMoney = { ordered: string; certified: string; invoiced: string; paid: string };

export const orderMoneyColumns = (db: Db | Trx, alias = 'o') => [
  db.raw(`${alias}.amount_incl_vat_eur::text as ordered`),
  db.raw(
    `(select coalesce(sum(c.amount_eur), 0)::text from service_certifications c where c.purchase_order_id = ${alias}.id) as certified`,
  ),
  db.raw(
    `(select coalesce(sum(i.amount_incl_vat_eur), 0)::text from provider_invoices i where i.purchase_order_id = ${alias}.id and i.status <> 'rejected') as invoiced`,
  ),
  db.raw(
    `(select coalesce(sum(p.amount_eur), 0)::text from payments p join provider_invoices i on i.id = p.invoice_id where i.purchase_order_id = ${alias}.id) as paid`,
  ),
];

export function orderMoney(db: Db | Trx, orderId: string) {
  return db('purchase_orders as o').where('o.id', orderId).first<OrderMoney>(orderMoneyColumns(db));
}
