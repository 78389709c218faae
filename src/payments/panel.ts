import type { HomePanel } from '../home/panels';
import { localToday } from '../platform/dates';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import type { Knex } from 'knex';
import { read, type RowsOf } from '../platform/read-together';
import { orderMoneyColumns } from './queries';
import { scopeOrders } from './scope';
import { nextSteps } from './states';

type ProviderOrderRow = {
  id: string;
  number: string;
  issued_on: string;
  status: string;
  acc_title: string;
  operator_name: string;
  ordered: string;
  certified: string;
  invoiced: string;
  paid: string;
};
type ProviderInvoiceRow = {
  purchase_order_id: string;
  id: string;
  number: string;
  invoiced_on: string;
  amount_incl_vat_eur: string;
  status: string;
};

/** The provider's own orders (never another provider's) with their money states, and their invoices. */
function providerReads(db: Db, user: SessionUser) {
  return {
    orders: read<ProviderOrderRow>(
      scopeOrders(
        user,
        db('purchase_orders as o')
          .join('accompaniments as a', 'a.id', 'o.accompaniment_id')
          .join('organisations as op', 'op.id', 'o.operator_id')
          .orderBy([
            { column: 'o.issued_on', order: 'desc' },
            { column: 'o.id', order: 'desc' },
          ])
          .select(
            'o.id',
            'o.number',
            'o.issued_on',
            'o.status',
            'a.title as acc_title',
            'op.name as operator_name',
            ...orderMoneyColumns(db),
          ),
      ),
      { bigints: ['id'] },
    ),
    invoices: read<ProviderInvoiceRow>(
      db('provider_invoices as i')
        .where('i.provider_id', user.organisation_id)
        .orderBy([{ column: 'i.invoiced_on' }, { column: 'i.id' }])
        .select(
          'i.purchase_order_id',
          'i.id',
          'i.number',
          'i.invoiced_on',
          db.raw('i.amount_incl_vat_eur::text as amount_incl_vat_eur'),
          'i.status',
        ),
      { bigints: ['purchase_order_id', 'id'] },
    ),
  };
}

/**
 * On a provider's home page, beside its workspace (provider-workspace/): its purchase orders, what
 * it invoiced and was paid, and on each open order the link to upload its invoice.
 */
export const providerPaymentsPanel: HomePanel = {
  id: 'provider-payments',
  partial: 'payments/_panel',
  reads({ db }, user) {
    return user.role === 'provider' ? providerReads(db, user) : null;
  },
  locals(rows: RowsOf<ReturnType<typeof providerReads>>) {
    if (!rows.orders.length) return null;
    return {
      today: localToday(),
      orders: rows.orders.map((o) => ({
        ...o,
        next: nextSteps(o),
        invoices: rows.invoices.filter((i) => i.purchase_order_id === o.id),
      })),
    };
  },
};

type InvoiceToPayRow = {
  id: string;
  number: string;
  invoiced_on: string;
  amount_incl_vat_eur: string;
  provider_name: string;
  order_number: string;
  waiting_days: number;
  total: string;
};

/** How many rows a home to-do lists at most (the rest is counted: « et N autres »). */
const HOME_TODO_ROWS = 10;

/**
 * The director's to-do: the invoices of their operator waiting for payment (status submitted) on an
 * order not cancelled, oldest invoice first, with how many days since the invoice's date.
 */
export const invoicesToPayPanel: HomePanel = {
  id: 'invoicesToPay',
  partial: 'payments/_home_invoices',
  reads({ db }, user) {
    // Admins have their own home (no panels): the operator's direction only.
    if (user.role !== 'manager' || user.organisation_kind !== 'operator') return null;
    const q = db('provider_invoices as i')
      .join('purchase_orders as o', 'o.id', 'i.purchase_order_id')
      .join('organisations as pr', 'pr.id', 'i.provider_id')
      .where({ 'i.status': 'submitted', 'o.operator_id': user.organisation_id })
      .whereNot('o.status', 'cancelled')
      .orderBy([{ column: 'i.invoiced_on' }, { column: 'i.id' }])
      .limit(HOME_TODO_ROWS)
      .select(
        'i.id',
        'i.number',
        'i.invoiced_on',
        db.raw('i.amount_incl_vat_eur::text as amount_incl_vat_eur'),
        'pr.name as provider_name',
        'o.number as order_number',
        db.raw('greatest(?::date - i.invoiced_on, 0)::int as waiting_days', [localToday()]),
        db.raw('count(*) over () as total'),
      );
    return { invoices: read<InvoiceToPayRow>(q, { bigints: ['id', 'total'] }) };
  },
  locals({ invoices }: { invoices: InvoiceToPayRow[] }) {
    if (!invoices.length) return null;
    return { invoices, total: Number(invoices[0].total) };
  },
};

type OrderToCertifyRow = {
  id: string;
  number: string;
  acc_id: string;
  acc_title: string;
  provider_name: string;
  ordered: string;
  certified: string;
  invoiced: string;
  paid: string;
  total: string;
};

/**
 * The rule of the coordinator's to-do « Service fait à attester »: an order still issued, of a case
 * the user coordinates, on which the provider has an invoice waiting (submitted) while the service
 * certified so far is less than what is invoiced (rejected invoices left out) — the payment waits
 * for the attestation de service fait. An order certified up to its invoices, or with no invoice
 * waiting, is not listed.
 */
export function ordersAwaitingCertification(db: Db, coordinatorId: string): Knex.QueryBuilder {
  const certified =
    '(select coalesce(sum(c.amount_eur), 0) from service_certifications c where c.purchase_order_id = o.id)';
  const invoiced =
    "(select coalesce(sum(i.amount_incl_vat_eur), 0) from provider_invoices i where i.purchase_order_id = o.id and i.status <> 'rejected')";
  return db('purchase_orders as o')
    .join('accompaniments as a', 'a.id', 'o.accompaniment_id')
    .where({ 'a.coordinator_id': coordinatorId, 'o.status': 'issued' })
    .whereExists(
      db('provider_invoices as w')
        .whereRaw('w.purchase_order_id = o.id')
        .where('w.status', 'submitted')
        .select(db.raw('1')),
    )
    .whereRaw(`${certified} < ${invoiced}`);
}

/** The coordinator's to-do: the orders of their cases whose service done waits for their attestation. */
export const ordersToCertifyPanel: HomePanel = {
  id: 'ordersToCertify',
  partial: 'payments/_home_orders',
  reads({ db }, user) {
    if (user.role !== 'coordinator') return null;
    const q = ordersAwaitingCertification(db, user.id)
      .join('organisations as pr', 'pr.id', 'o.provider_id')
      .orderBy([{ column: 'o.issued_on' }, { column: 'o.id' }])
      .limit(HOME_TODO_ROWS)
      .select(
        'o.id',
        'o.number',
        'a.id as acc_id',
        'a.title as acc_title',
        'pr.name as provider_name',
        ...orderMoneyColumns(db),
        db.raw('count(*) over () as total'),
      );
    return { orders: read<OrderToCertifyRow>(q, { bigints: ['id', 'acc_id', 'total'] }) };
  },
  locals({ orders }: { orders: OrderToCertifyRow[] }) {
    if (!orders.length) return null;
    return { orders, total: Number(orders[0].total) };
  },
};
