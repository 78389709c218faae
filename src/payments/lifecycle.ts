import type { Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import type { PurchaseOrderTransitionsRow } from '../platform/db-tables';
import { findMove, logTransition } from '../platform/transitions';

/**
 * The statuses of paying the provider, as transition tables with guards and a log (like the
 * case's, src/accompaniments/lifecycle.ts):
 * - a purchase order is issued, then cancelled (with a reason) or closed once fully invoiced and paid;
 * - a provider's invoice is submitted, then rejected by the director (with a reason) or paid once
 *   its payments reach its amount.
 * Moves are named by what happens (the event); the log keeps the day it happened, chosen by the user.
 */
export const ORDER_STATUSES = ['issued', 'cancelled', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type OrderEvent = 'cancel' | 'close';

export const INVOICE_STATUSES = ['submitted', 'rejected', 'paid'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type InvoiceEvent = 'reject' | 'pay';

/** A guard answers null when the move is allowed, else the catalogue key of the French reason. */
type Guard = (trx: Trx, id: string) => Promise<MessageKey | null>;

type Transition<S, E> = { event: E; from: S; to: S; guard?: Guard };

/** A refusal of paying the provider; `field` names the form field the message goes next to, if any. */
export class PaymentRefused extends Error {
  constructor(
    readonly key: MessageKey,
    readonly field: string | null = null,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** An order closes once every euro of it is invoiced (invoices not rejected) and every such invoice is paid. */
const fullyInvoicedAndPaid: Guard = async (trx, orderId) => {
  const { rows } = await trx.raw<{ rows: { done: boolean }[] }>(
    `select (coalesce(sum(i.amount_incl_vat_eur), 0) = o.amount_incl_vat_eur
        and coalesce(bool_and(i.status = 'paid'), false)) as done
       from purchase_orders o
       left join provider_invoices i on i.purchase_order_id = o.id and i.status <> 'rejected'
      where o.id = ?
      group by o.id, o.amount_incl_vat_eur`,
    [orderId],
  );
  return rows[0]?.done ? null : 'payments.refused.orderNotPaid';
};

/** An invoice is paid once its payments add up to its amount including VAT. */
const invoiceFullyPaid: Guard = async (trx, invoiceId) => {
  const { rows } = await trx.raw<{ rows: { done: boolean }[] }>(
    `select (select coalesce(sum(p.amount_eur), 0) from payments p where p.invoice_id = i.id) = i.amount_incl_vat_eur as done
       from provider_invoices i where i.id = ?`,
    [invoiceId],
  );
  return rows[0]?.done ? null : 'payments.refused.invoiceNotPaid';
};

/** Paid money cannot be sent back through Jalons: an invoice with a payment is not rejected. */
const noPayment: Guard = async (trx, invoiceId) => {
  const row = await trx('payments').where({ invoice_id: invoiceId }).first<{ id: string } | undefined>('id');
  return row ? 'payments.refused.invoiceHasPayment' : null;
};

/** An order with an invoice still standing (submitted or paid) is not cancelled: reject the invoice first. */
const noStandingInvoice: Guard = async (trx, orderId) => {
  const row = await trx('provider_invoices')
    .where({ purchase_order_id: orderId })
    .whereNot('status', 'rejected')
    .first<{ id: string } | undefined>('id');
  return row ? 'payments.refused.orderHasInvoice' : null;
};

/** The only moves an order knows. */
export const ORDER_TRANSITIONS: Transition<OrderStatus, OrderEvent>[] = [
  { event: 'cancel', from: 'issued', to: 'cancelled', guard: noStandingInvoice },
  { event: 'close', from: 'issued', to: 'closed', guard: fullyInvoicedAndPaid },
];

/** The only moves an invoice knows. */
export const INVOICE_TRANSITIONS: Transition<InvoiceStatus, InvoiceEvent>[] = [
  { event: 'reject', from: 'submitted', to: 'rejected', guard: noPayment },
  { event: 'pay', from: 'submitted', to: 'paid', guard: invoiceFullyPaid },
];

export const INITIAL_ORDER_STATUS: OrderStatus = 'issued';
export const INITIAL_INVOICE_STATUS: InvoiceStatus = 'submitted';

const ORDER_NO_MOVE: Record<OrderEvent, MessageKey> = {
  cancel: 'payments.refused.orderNotIssued',
  close: 'payments.refused.orderNotIssued',
};
const INVOICE_NO_MOVE: Record<InvoiceEvent, MessageKey> = {
  reject: 'payments.refused.invoiceNotSubmitted',
  pay: 'payments.refused.invoiceNotSubmitted',
};

export const findOrderTransition = (from: string, event: OrderEvent) => findMove(ORDER_TRANSITIONS, from, event);
export const findInvoiceTransition = (from: string, event: InvoiceEvent) => findMove(INVOICE_TRANSITIONS, from, event);

type Move = { actorId: string | null; onDate: string; reason?: string | null; lockVersion?: number };

/** The log of orders' or of invoices' moves. */
type Log = 'purchase_order_transitions' | 'provider_invoice_transitions';

/** One line of either log (both have the same columns but the one naming the row that moved). */
type Line = Omit<PurchaseOrderTransitionsRow, 'id' | 'at' | 'purchase_order_id'>;

const writeLog = (trx: Trx, log: Log, id: string, line: Line) =>
  log === 'purchase_order_transitions'
    ? logTransition(trx, log, { purchase_order_id: id, ...line })
    : logTransition(trx, log, { invoice_id: id, ...line });

/**
 * Moves a row of `table` inside the caller's transaction: the row locked and re-read (of two clicks,
 * the second finds it moved), the version the user saw checked, the move looked up in the table, its
 * guard checked, the status written and the move logged with the day it happened.
 */
async function applyTransition<S extends string, E extends string>(
  trx: Trx,
  spec: {
    table: string;
    log: Log;
    find: (from: string, event: E) => Transition<S, E> | undefined;
    noMove: Record<E, MessageKey>;
  },
  id: string,
  event: E,
  move: Move,
) {
  const current = await trx(spec.table)
    .where({ id })
    .forUpdate()
    .first<{ status: S; lock_version: number } | undefined>('status', 'lock_version');
  const transition = current && spec.find(current.status, event);
  if (!current || !transition) throw new PaymentRefused(spec.noMove[event]);
  if (move.lockVersion !== undefined && move.lockVersion !== current.lock_version)
    throw new PaymentRefused('payments.refused.changed');
  const refusal = transition.guard ? await transition.guard(trx, id) : null;
  if (refusal) throw new PaymentRefused(refusal);
  await trx(spec.table)
    .where({ id })
    .update({ status: transition.to, lock_version: current.lock_version + 1 });
  await writeLog(trx, spec.log, id, {
    event,
    from_status: current.status,
    to_status: transition.to,
    happened_on: move.onDate,
    actor_id: move.actorId,
    reason: move.reason ?? null,
  });
  return { from: current.status, to: transition.to };
}

export const applyOrderTransition = (trx: Trx, orderId: string, event: OrderEvent, move: Move) =>
  applyTransition<OrderStatus, OrderEvent>(
    trx,
    {
      table: 'purchase_orders',
      log: 'purchase_order_transitions',
      find: findOrderTransition,
      noMove: ORDER_NO_MOVE,
    },
    orderId,
    event,
    move,
  );

export const applyInvoiceTransition = (trx: Trx, invoiceId: string, event: InvoiceEvent, move: Move) =>
  applyTransition<InvoiceStatus, InvoiceEvent>(
    trx,
    {
      table: 'provider_invoices',
      log: 'provider_invoice_transitions',
      find: findInvoiceTransition,
      noMove: INVOICE_NO_MOVE,
    },
    invoiceId,
    event,
    move,
  );

/** Where an order or an invoice starts: its first line in the log (from nothing), written with the row. */
export async function logCreation(trx: Trx, what: Log, id: string, move: Move) {
  const [event, to] =
    what === 'purchase_order_transitions' ? ['issue', INITIAL_ORDER_STATUS] : ['submit', INITIAL_INVOICE_STATUS];
  await writeLog(trx, what, id, {
    event,
    from_status: null,
    to_status: to,
    happened_on: move.onDate,
    actor_id: move.actorId,
    reason: move.reason ?? null,
  });
}
