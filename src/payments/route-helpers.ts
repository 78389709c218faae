/** What the payment routes share: loading an order or an invoice through the scope, the order page, refusals. */
import type { Request, Response } from 'express';
import { currentUser, isId } from '../platform/auth/guards';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { formatAmount } from '../platform/i18n';
import type { FieldErrors } from '../platform/forms';
import { ServiceNotReady } from './commands';
import { PaymentRefused } from './lifecycle';
import { paymentPolicy } from './policy';
import { casePhases } from './case-queries';
import {
  findInvoice,
  findOrder,
  orderCancellation,
  orderCertifications,
  orderInvoices,
  orderMoney,
  orderPayments,
  type InvoiceRow,
  type OrderRow,
} from './queries';
import { fromCents, toCents } from './money';
import type { Missing } from './readiness';
import { nextSteps } from './states';

export const orderUrl = (order: { id: string }) => `/payments/orders/${order.id}`;
export const invoiceUrl = (invoice: { id: string }) => `/payments/invoices/${invoice.id}`;
export const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 2000) : '');

export async function loadOrder(deps: Pick<Deps, 'db'>, req: Request) {
  const order = isId(req.params.id) ? await findOrder(deps.db, currentUser(req), req.params.id) : undefined;
  if (!order) throw notFound();
  return order;
}

/** An invoice and its order, through the order's scope (404 outside it). */
export async function loadInvoice(deps: Pick<Deps, 'db'>, req: Request) {
  const user = currentUser(req);
  const invoice = isId(req.params.id) ? await findInvoice(deps.db, user, req.params.id) : undefined;
  const order = invoice && (await findOrder(deps.db, user, invoice.purchase_order_id));
  if (!invoice || !order) throw notFound();
  return { invoice, order };
}

/** Which form of the order page is shown again, with its input, errors and message. */
export type Again = {
  form: 'cancel' | 'invoice' | 'certify' | 'reject' | 'pay';
  values: Record<string, string>;
  errors: FieldErrors;
  formError?: string | null;
  missing?: Missing | null;
};

/** The order page: the order, its money states and next steps, its invoices, certifications and payments, the forms the user may use. */
export async function renderOrder(
  deps: Pick<Deps, 'db'>,
  req: Request,
  res: Response,
  order: OrderRow,
  status = 200,
  again: Again | null = null,
) {
  const { db } = deps;
  const user = currentUser(req);
  const acc = { operator_id: order.operator_id, coordinator_id: order.coordinator_id };
  const [money, invoices, certifications, payments, phases, cancellation] = await Promise.all([
    orderMoney(db, order.id),
    orderInvoices(db, order.id),
    orderCertifications(db, order.id),
    orderPayments(db, order.id),
    casePhases(db, order.accompaniment_id),
    orderCancellation(db, order.id),
  ]);
  res.status(status).render('payments/order', {
    title: req.t('payments.order.title', { number: order.number }),
    order,
    money,
    next: nextSteps({ ...money, status: order.status }),
    invoices,
    certifications,
    payments,
    phases,
    cancellation,
    today: localToday(),
    again,
    isStaff: paymentPolicy.seeCase(user, acc),
    canManage: paymentPolicy.manage(user, order),
    canCertify: paymentPolicy.certify(user, order, acc),
    canUpload: paymentPolicy.uploadInvoice(user, order),
  });
}

/** An invoice's page: its amounts and file, its payments, and the director's forms (payment, rejection). */
export async function renderInvoice(
  deps: Pick<Deps, 'db'>,
  req: Request,
  res: Response,
  found: { invoice: InvoiceRow; order: OrderRow },
  status = 200,
  again: Again | null = null,
) {
  const { invoice, order } = found;
  const payments = (await orderPayments(deps.db, order.id)).filter((p) => p.invoice_id === invoice.id);
  res.status(status).render('payments/invoice', {
    title: req.t('payments.invoice.title', { number: invoice.number }),
    invoice,
    order,
    payments,
    left: fromCents(toCents(invoice.amount_incl_vat_eur) - toCents(invoice.paid_eur)),
    today: localToday(),
    again,
    canManage: paymentPolicy.manage(currentUser(req), order),
  });
}

/**
 * A refusal of a command as the form's errors: a refused date or amount next to its field (the
 * amount left written out in euros), a refusal of the whole move over the form, what is missing
 * for the service done listed. Anything else is not a refusal: thrown again.
 */
export function refusalOf(req: Request, err: unknown): Pick<Again, 'errors' | 'formError' | 'missing'> {
  if (err instanceof DateRefused) return { errors: dateRefusalError(req, err), formError: req.t('form.hasErrors') };
  if (err instanceof ServiceNotReady)
    return { errors: {}, formError: req.t('payments.refused.notReady'), missing: err.missing };
  if (!(err instanceof PaymentRefused)) throw err;
  const params = { ...err.params };
  if (typeof params.left === 'string') params.left = formatAmount(req.locale, params.left);
  const message = req.t(err.key, params);
  return err.field
    ? { errors: { [err.field]: message }, formError: req.t('form.hasErrors') }
    : { errors: {}, formError: message };
}
