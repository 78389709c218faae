import { systemActor } from '../../src/platform/audit';
import { cancelOrder, issueOrder } from '../../src/payments/commands';
import { rejectInvoice } from '../../src/payments/invoice-commands';
import {
  INVOICE_STATUSES,
  INVOICE_TRANSITIONS,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  PaymentRefused,
} from '../../src/payments/lifecycle';
import { translate } from '../../src/platform/i18n';
import { paymentCase } from '../factories/payments';
import { createTestApp, type TestApp } from '../support/app';
import { writtenOutside } from '../support/written-elsewhere';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the transition tables of paying the provider', () => {
  it('knows only these moves, each refusal said in French', () => {
    expect(ORDER_TRANSITIONS.map((x) => `${x.from} -${x.event}-> ${x.to}`)).toEqual([
      'issued -cancel-> cancelled',
      'issued -close-> closed',
    ]);
    expect(INVOICE_TRANSITIONS.map((x) => `${x.from} -${x.event}-> ${x.to}`)).toEqual([
      'submitted -reject-> rejected',
      'submitted -pay-> paid',
    ]);
    expect([...ORDER_STATUSES]).toEqual(['issued', 'cancelled', 'closed']);
    expect([...INVOICE_STATUSES]).toEqual(['submitted', 'rejected', 'paid']);
  });

  it('logs each move with its day and reason, and refuses a move the status does not allow, writing nothing', async () => {
    const c = await paymentCase(t.db);
    const actor = systemActor('test');
    const order = await t.deps.write(actor, (w) =>
      issueOrder(
        w,
        c.acc,
        {
          commitment_id: c.commitment.id,
          issued_on: '2026-02-01',
          amount_excl_vat: '100',
          amount_incl_vat: '120',
        },
        { baseUrl: 'http://jalons.test' },
      ),
    );
    const row = { id: order.id, issued_on: '2026-02-01', accompaniment_id: c.acc.id, operator_id: c.operator.id };
    // Closing is the table's own move, guarded: nothing is invoiced nor paid.
    await t.deps.write(actor, (w) => cancelOrder(w, row, { cancelled_on: '2026-02-05', reason: 'Doublon' }));
    const again = t.deps.write(actor, (w) => cancelOrder(w, row, { cancelled_on: '2026-02-06', reason: 'Encore' }));
    await expect(again).rejects.toBeInstanceOf(PaymentRefused);
    await expect(again).rejects.toThrow('payments.refused.orderNotIssued');
    expect(translate('fr', 'payments.refused.orderNotIssued')).toContain('n’est plus en cours');
    expect(
      await t
        .db('purchase_order_transitions')
        .where({ purchase_order_id: order.id })
        .orderBy('id')
        .select('event', 'from_status', 'to_status', 'happened_on', 'reason'),
    ).toEqual([
      { event: 'issue', from_status: null, to_status: 'issued', happened_on: '2026-02-01', reason: null },
      { event: 'cancel', from_status: 'issued', to_status: 'cancelled', happened_on: '2026-02-05', reason: 'Doublon' },
    ]);
    // A refused rejection: an invoice that does not exist is not moved.
    await expect(
      t.deps.write(actor, (w) =>
        rejectInvoice(
          w,
          {
            id: '999999999',
            number: 'F-0',
            invoiced_on: '2026-02-01',
            purchase_order_id: order.id,
            provider_id: c.providerOrg.id,
            amount_incl_vat_eur: '1.00',
          },
          { rejected_on: '2026-02-02', reason: 'x' },
          { baseUrl: 'http://jalons.test' },
        ),
      ),
    ).rejects.toThrow('payments.refused.invoiceNotSubmitted');
  });

  it('is the only place where an order or an invoice changes status', () => {
    // The app's code only: the demo data (seeds/) records a past year's rows as they stood.
    expect(
      writtenOutside(
        'payments/lifecycle.ts',
        /\('(?:purchase_orders|provider_invoices)'\)[^;]*?\.(?:update|insert)\([^;]*?\bstatus\b/g,
      ),
    ).toEqual([]);
  });
});
