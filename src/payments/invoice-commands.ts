import type { Trx } from '../platform/db';
import { refuseBefore } from '../platform/dates';
import type { Id } from '../platform/id';
import type { WriteContext } from '../platform/write';
import { applyInvoiceTransition, applyOrderTransition, logCreation, PaymentRefused } from './lifecycle';
import { tell } from './mails';
import { fromCents, toCents } from './money';
import type { InvoiceInput, PaymentInput } from './schemas';
import { lockIssuedOrder, type Order, sumOf } from './commands';

/*
 * The provider's invoices on an order and their payments (the orders and the attestations de service
 * fait: commands.ts). An invoice becomes paid, and its order closed, through lifecycle.ts.
 */

/**
 * The provider's invoice on its order, its PDF already stored (documentId, in the same
 * transaction). Refused: the order no longer issued, a day before the order, a number the provider
 * already used, an amount (including VAT) above what remains of the order once its invoices not
 * rejected are counted.
 */
export async function submitInvoice(
  w: WriteContext,
  order: Order,
  input: InvoiceInput,
  file: { documentId: Id; sha256: string },
  opts: { baseUrl: string },
) {
  const { trx } = w;
  const locked = await lockIssuedOrder(trx, order.id);
  refuseBefore('invoiced_on', input.invoiced_on, order.issued_on, 'payments.refused.beforeOrder');
  const used = await trx('provider_invoices')
    .where({ provider_id: locked.provider_id })
    .whereRaw('lower(number) = lower(?)', [input.number])
    .first<{ id: string } | undefined>('id');
  if (used) throw new PaymentRefused('payments.refused.duplicateNumber', 'number');
  const invoiced = await sumOf(
    trx,
    `select sum(amount_incl_vat_eur)::text as total from provider_invoices where purchase_order_id = ? and status <> 'rejected'`,
    [order.id],
  );
  const left = toCents(locked.amount_incl_vat_eur) - invoiced;
  if (toCents(input.amount_incl_vat) > left)
    throw new PaymentRefused('payments.refused.overOrder', 'amount_incl_vat', { left: fromCents(Math.max(left, 0)) });
  // The row starts in the table's default status ('submitted', INITIAL_INVOICE_STATUS), logged by logCreation.
  const [row] = await trx('provider_invoices')
    .insert({
      purchase_order_id: order.id,
      provider_id: locked.provider_id,
      number: input.number,
      invoiced_on: input.invoiced_on,
      amount_excl_vat_eur: input.amount_excl_vat,
      amount_incl_vat_eur: input.amount_incl_vat,
      document_id: file.documentId,
      uploaded_by: w.actor.userId,
    })
    .returning<{ id: Id }[]>('id');
  await logCreation(trx, 'provider_invoice_transitions', row.id, {
    actorId: w.actor.userId,
    onDate: input.invoiced_on,
  });
  await w.audit({
    action: 'provider_invoice.submit',
    entityType: 'provider_invoice',
    entityId: row.id,
    details: {
      purchase_order_id: order.id,
      number: input.number,
      invoiced_on: input.invoiced_on,
      amount_incl_vat_eur: input.amount_incl_vat,
      document_id: file.documentId,
      sha256: file.sha256,
    },
  });
  await tell(trx, order.operator_id, 'manager', {
    kind: 'invoice_received',
    number: input.number,
    date: input.invoiced_on,
    amount: input.amount_incl_vat,
    link: `${opts.baseUrl}/payments/invoices/${row.id}`,
  });
  return row.id;
}

type Invoice = {
  id: Id;
  number: string;
  invoiced_on: string;
  purchase_order_id: Id;
  provider_id: Id;
  amount_incl_vat_eur: string;
};

/** The director rejects an invoice not paid yet, with the day and the reason; logged. */
export async function rejectInvoice(
  w: WriteContext,
  invoice: Invoice,
  input: { rejected_on: string; reason: string },
  opts: { baseUrl: string },
) {
  refuseBefore('rejected_on', input.rejected_on, invoice.invoiced_on, 'payments.refused.beforeInvoice');
  await applyInvoiceTransition(w.trx, invoice.id, 'reject', {
    actorId: w.actor.userId,
    onDate: input.rejected_on,
    reason: input.reason,
  });
  await w.audit({
    action: 'provider_invoice.reject',
    entityType: 'provider_invoice',
    entityId: invoice.id,
    details: { purchase_order_id: invoice.purchase_order_id, rejected_on: input.rejected_on, reason: input.reason },
  });
  await tell(w.trx, invoice.provider_id, 'provider', {
    kind: 'invoice_rejected',
    number: invoice.number,
    date: input.rejected_on,
    amount: invoice.amount_incl_vat_eur,
    link: `${opts.baseUrl}/payments/invoices/${invoice.id}`,
    reason: input.reason,
  });
}

/**
 * A payment of an invoice (date, amount). Refused: the invoice not submitted (rejected, already
 * paid), a day before the invoice, an amount above what remains to pay on it, or beyond the service
 * certified on its order (nothing is paid that was not certified done). The invoice becomes paid
 * once its payments reach its amount; the order closes once all of it is invoiced and paid.
 */
export async function recordPayment(w: WriteContext, invoice: Invoice, input: PaymentInput, opts: { baseUrl: string }) {
  const { trx } = w;
  // The order, then the invoice, locked in the order every command takes them; the invoice's own state said first.
  const order = await trx('purchase_orders')
    .where({ id: invoice.purchase_order_id })
    .forUpdate()
    .first<{ status: string }>('status');
  const current = await trx('provider_invoices')
    .where({ id: invoice.id })
    .forUpdate()
    .first<{ status: string; amount_incl_vat_eur: string }>('status', 'amount_incl_vat_eur');
  if (current.status !== 'submitted') throw new PaymentRefused('payments.refused.invoiceNotSubmitted');
  if (order.status !== 'issued') throw new PaymentRefused('payments.refused.orderNotIssued');
  refuseBefore('paid_on', input.paid_on, invoice.invoiced_on, 'payments.refused.beforeInvoice');
  const paidOnInvoice = await sumOf(trx, 'select sum(amount_eur)::text as total from payments where invoice_id = ?', [
    invoice.id,
  ]);
  const left = toCents(current.amount_incl_vat_eur) - paidOnInvoice;
  const amount = toCents(input.amount);
  if (amount > left) throw new PaymentRefused('payments.refused.overInvoice', 'amount', { left: fromCents(left) });
  const certified = await sumOf(
    trx,
    'select sum(amount_eur)::text as total from service_certifications where purchase_order_id = ?',
    [invoice.purchase_order_id],
  );
  const paidOnOrder = await sumOf(
    trx,
    `select sum(p.amount_eur)::text as total from payments p join provider_invoices i on i.id = p.invoice_id
      where i.purchase_order_id = ?`,
    [invoice.purchase_order_id],
  );
  if (paidOnOrder + amount > certified)
    throw new PaymentRefused('payments.refused.overService', 'amount', {
      left: fromCents(Math.max(certified - paidOnOrder, 0)),
    });
  const [row] = await trx('payments')
    .insert({
      invoice_id: invoice.id,
      paid_on: input.paid_on,
      amount_eur: input.amount,
      reference: input.reference,
      recorded_by: w.actor.userId,
    })
    .returning<{ id: Id }[]>('id');
  const move = { actorId: w.actor.userId, onDate: input.paid_on };
  const invoicePaid = amount === left;
  if (invoicePaid) await applyInvoiceTransition(trx, invoice.id, 'pay', move);
  const orderClosed = invoicePaid && (await closesOrder(trx, invoice.purchase_order_id, move));
  await w.audit({
    action: 'payment.record',
    entityType: 'provider_invoice',
    entityId: invoice.id,
    details: {
      payment_id: row.id,
      purchase_order_id: invoice.purchase_order_id,
      paid_on: input.paid_on,
      amount_eur: input.amount,
      invoice_paid: invoicePaid,
      order_closed: orderClosed,
    },
  });
  if (invoicePaid)
    await tell(trx, invoice.provider_id, 'provider', {
      kind: 'invoice_paid',
      number: invoice.number,
      date: input.paid_on,
      amount: current.amount_incl_vat_eur,
      link: `${opts.baseUrl}/payments/invoices/${invoice.id}`,
    });
  return { id: row.id, invoicePaid, orderClosed };
}

/** Closes the order when the table's guard allows it (all of it invoiced and paid); false otherwise. */
async function closesOrder(trx: Trx, orderId: Id, move: { actorId: string | null; onDate: string }) {
  try {
    await applyOrderTransition(trx, orderId, 'close', move);
    return true;
  } catch (err) {
    if (err instanceof PaymentRefused && err.key === 'payments.refused.orderNotPaid') return false;
    throw err;
  }
}
