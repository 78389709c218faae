/** Purchase orders: issuing one from a case, its page and PDF, cancelling it, certifying the service done. */
import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { type FieldErrors, parseForm, postedForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { cancelOrder, certifyService, issueOrder } from './commands';
import { orderContent, renderOrderPdf } from './pdf';
import { paymentPolicy } from './policy';
import { commitmentChoices, currentConvention, selectedBid } from './case-queries';
import { loadOrder, orderUrl, refusalOf, renderOrder, str } from './route-helpers';
import { cancelSchema, certificationSchema, orderSchema } from './schemas';

type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;

const ORDER_FIELDS = ['commitment_id', 'issued_on', 'amount_excl_vat', 'amount_incl_vat'] as const;
const valuesOf = (req: Request, fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, str(postedForm(req)[f])]));

/** The new order's form: the case's commitments, its selected bid (whose price fills the amounts) and convention. */
async function renderNewOrder(
  { db }: Pick<Deps, 'db'>,
  req: Request,
  res: Response,
  acc: Acc,
  status = 200,
  shown: { values?: Record<string, string>; errors?: FieldErrors; formError?: string | null } = {},
) {
  const [commitments, bid, convention] = await Promise.all([
    commitmentChoices(db, acc.id),
    selectedBid(db, acc.id),
    currentConvention(db, acc.id),
  ]);
  // The bid's price as a person types it ('7000.00' → '7000').
  const price = (bid?.proposal_price_eur ?? '').replace(/\.00$/, '');
  res.status(status).render('payments/new-order', {
    title: req.t('payments.new.title'),
    acc,
    commitments,
    bid,
    convention,
    values: shown.values ?? {
      commitment_id: commitments.length === 1 ? commitments[0].id : '',
      issued_on: localToday(),
      amount_excl_vat: price,
      amount_incl_vat: price,
    },
    errors: shown.errors ?? {},
    formError: shown.formError ?? null,
  });
}

export function registerOrderRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  app.get('/accompaniments/:id/payments/orders/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(paymentPolicy.issueOrder(currentUser(req), acc));
    await renderNewOrder(deps, req, res, acc);
  });

  app.post('/accompaniments/:id/payments/orders', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(paymentPolicy.issueOrder(currentUser(req), acc));
    const values = valuesOf(req, ORDER_FIELDS);
    const form = parseForm(orderSchema, values, req.t);
    if (!form.ok)
      return renderNewOrder(deps, req, res, acc, 422, {
        values,
        errors: form.errors,
        formError: req.t('form.hasErrors'),
      });
    try {
      const order = await write(req, (w) => issueOrder(w, acc, form.data, { baseUrl: deps.config.baseUrl }));
      flash(req, 'success', req.t('payments.order.issued', { number: order.number }));
      res.redirect(orderUrl(order));
    } catch (err) {
      return renderNewOrder(deps, req, res, acc, 422, { values, ...refusalOf(req, err) });
    }
  });

  app.get('/payments/orders/:id', requireLogin, async (req, res) => {
    await renderOrder(deps, req, res, await loadOrder(deps, req));
  });

  app.get('/payments/orders/:id/pdf', requireLogin, async (req, res) => {
    const order = await loadOrder(deps, req);
    const pdf = await renderOrderPdf(await orderContent(db, order));
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${order.number}.pdf"` });
    res.send(pdf);
  });

  app.post('/payments/orders/:id/cancel', requireLogin, async (req, res) => {
    const order = await loadOrder(deps, req);
    authorize(paymentPolicy.manage(currentUser(req), order));
    const values = valuesOf(req, ['cancelled_on', 'reason']);
    const again = (shown: ReturnType<typeof refusalOf>) =>
      renderOrder(deps, req, res, order, 422, { form: 'cancel', values, ...shown });
    const form = parseForm(cancelSchema, values, req.t);
    if (!form.ok) return again({ errors: form.errors, formError: req.t('form.hasErrors') });
    try {
      await write(req, (w) => cancelOrder(w, order, form.data));
    } catch (err) {
      return again(refusalOf(req, err));
    }
    flash(req, 'success', req.t('payments.order.cancelledDone', { number: order.number }));
    res.redirect(orderUrl(order));
  });

  app.post('/payments/orders/:id/certifications', requireLogin, async (req, res) => {
    const order = await loadOrder(deps, req);
    const acc = { operator_id: order.operator_id, coordinator_id: order.coordinator_id };
    authorize(paymentPolicy.certify(currentUser(req), order, acc));
    const values = valuesOf(req, ['phase_id', 'certified_on', 'amount', 'note']);
    const again = (shown: ReturnType<typeof refusalOf>) =>
      renderOrder(deps, req, res, order, 422, { form: 'certify', values, ...shown });
    const form = parseForm(certificationSchema, values, req.t);
    if (!form.ok) return again({ errors: form.errors, formError: req.t('form.hasErrors') });
    try {
      await write(req, (w) => certifyService(w, order, form.data));
    } catch (err) {
      return again(refusalOf(req, err));
    }
    flash(req, 'success', req.t('payments.certify.done'));
    res.redirect(orderUrl(order));
  });
}
