/** Invoices: the provider uploads one on its order; the director rejects it or records its payments. */
import type { Express, Request } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { parseForm, postedForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { receiveUpload } from '../platform/uploads';
import { flash } from '../platform/views';
import { recordPayment, rejectInvoice } from './invoice-commands';
import { invoiceUpload, storeInvoice } from './documents';
import { paymentPolicy } from './policy';
import {
  invoiceUrl,
  loadInvoice,
  loadOrder,
  orderUrl,
  refusalOf,
  renderInvoice,
  renderOrder,
  str,
} from './route-helpers';
import { invoiceSchema, paymentSchema, rejectSchema } from './schemas';

const valuesOf = (req: Request, fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, str(postedForm(req)[f])]));

export function registerInvoiceRoutes(app: Express, deps: Deps) {
  const { storage, write, config } = deps;

  app.post(invoiceUpload.path, requireLogin, async (req, res) => {
    const order = await loadOrder(deps, req);
    authorize(paymentPolicy.uploadInvoice(currentUser(req), order));
    const received = await receiveUpload(req, res, { field: 'file', maxMb: config.uploadMaxMb });
    // What was typed is kept; the file must be chosen again (a browser never refills a file input).
    const values = valuesOf(req, ['number', 'invoiced_on', 'amount_excl_vat', 'amount_incl_vat']);
    const again = (shown: ReturnType<typeof refusalOf>, status: 413 | 422 = 422) =>
      renderOrder(deps, req, res, order, status, { form: 'invoice', values, ...shown });
    const form = parseForm(invoiceSchema, values, req.t);
    const errors = form.ok ? {} : { ...form.errors };
    // An invoice is a PDF, judged from its bytes (never from its name).
    if (!received.ok) errors.file = req.t(received.problem.key, received.problem.params);
    else if (received.upload.mimeType !== 'application/pdf') errors.file = req.t('payments.invoice.notPdf');
    if (!form.ok || !received.ok || errors.file)
      return again({ errors, formError: req.t('form.hasErrors') }, received.ok ? 422 : received.problem.status);
    try {
      await storeInvoice({ storage, write }, req, order, form.data, received.upload, { baseUrl: config.baseUrl });
    } catch (err) {
      return again(refusalOf(req, err));
    }
    flash(req, 'success', req.t('payments.invoice.submitted', { number: form.data.number }));
    res.redirect(orderUrl(order));
  });

  app.get('/payments/invoices/:id', requireLogin, async (req, res) => {
    await renderInvoice(deps, req, res, await loadInvoice(deps, req));
  });

  app.post('/payments/invoices/:id/reject', requireLogin, async (req, res) => {
    const { invoice, order } = await loadInvoice(deps, req);
    authorize(paymentPolicy.manage(currentUser(req), order));
    const values = valuesOf(req, ['rejected_on', 'reason']);
    const again = (shown: ReturnType<typeof refusalOf>) =>
      renderInvoice(deps, req, res, { invoice, order }, 422, { form: 'reject', values, ...shown });
    const form = parseForm(rejectSchema, values, req.t);
    if (!form.ok) return again({ errors: form.errors, formError: req.t('form.hasErrors') });
    try {
      await write(req, (w) => rejectInvoice(w, invoice, form.data, { baseUrl: config.baseUrl }));
    } catch (err) {
      return again(refusalOf(req, err));
    }
    flash(req, 'success', req.t('payments.invoice.rejectedDone', { number: invoice.number }));
    res.redirect(invoiceUrl(invoice));
  });

  app.post('/payments/invoices/:id/payments', requireLogin, async (req, res) => {
    const { invoice, order } = await loadInvoice(deps, req);
    authorize(paymentPolicy.manage(currentUser(req), order));
    const values = valuesOf(req, ['paid_on', 'amount', 'reference']);
    const again = (shown: ReturnType<typeof refusalOf>) =>
      renderInvoice(deps, req, res, { invoice, order }, 422, { form: 'pay', values, ...shown });
    const form = parseForm(paymentSchema, values, req.t);
    if (!form.ok) return again({ errors: form.errors, formError: req.t('form.hasErrors') });
    let done: Awaited<ReturnType<typeof recordPayment>>;
    try {
      done = await write(req, (w) => recordPayment(w, invoice, form.data, { baseUrl: config.baseUrl }));
    } catch (err) {
      return again(refusalOf(req, err));
    }
    flash(req, 'success', req.t('payments.pay.done', { number: invoice.number }));
    if (done.orderClosed) flash(req, 'info', req.t('payments.order.closedDone', { number: order.number }));
    res.redirect(invoiceUrl(invoice));
  });
}
