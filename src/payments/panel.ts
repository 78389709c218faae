import type { HomePanel } from '../home/panels';
import { localToday } from '../platform/dates';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
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
        db,
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
