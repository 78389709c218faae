import { createOrganisation, createUser } from '../factories';
import { tinyPdf } from '../factories/diagnostics';
import { paymentCase } from '../factories/payments';
import { createTestApp, loginAs, type TestApp } from '../support/app';

/**
 * The home page's payment to-dos (issue 20): the director sees the operator's invoices waiting for
 * payment, the case's coordinator the orders whose service done waits for their attestation; no one
 * else sees them, and their links open.
 */
let t: TestApp;
let c: Awaited<ReturnType<typeof paymentCase>>;
let orderId = '';
let invoiceId = '';
beforeAll(async () => {
  t = await createTestApp();
  c = await paymentCase(t.db);
  const director = await as(c.manager);
  const res = await director.agent
    .post(`/accompaniments/${c.acc.id}/payments/orders`)
    .type('form')
    .send({
      _csrf: director.csrf,
      commitment_id: c.commitment.id,
      issued_on: '2026-02-02',
      amount_excl_vat: '7000',
      amount_incl_vat: '8400',
    })
    .expect(302);
  orderId = /\/(\d+)$/.exec(res.headers.location)?.[1] ?? '';
  const provider = await as(c.provider);
  await provider.agent
    .post(`/payments/orders/${orderId}/invoices`)
    .field('_csrf', provider.csrf)
    .field('number', 'F-2026-001')
    .field('invoiced_on', '2026-03-01')
    .field('amount_excl_vat', '3500')
    .field('amount_incl_vat', '4200')
    .attach('file', tinyPdf('Facture'), 'facture.pdf')
    .expect(302);
  invoiceId = String((await t.db('provider_invoices').where({ purchase_order_id: orderId }).first('id')).id);
});
afterAll(() => t.close());

const as = (user: { email: string }) => loginAs(t.app, user.email);
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/[\s\u00a0\u202f]+|&nbsp;/g, ' ');
const homeOf = async (user: { email: string }) => (await (await as(user)).agent.get('/').expect(200)).text;
const INVOICES = 'Factures en attente de paiement';
const ORDERS = 'Service fait à attester';

describe('the director’s invoices waiting for payment', () => {
  it('lists the operator’s submitted invoice with its provider, amount and days waiting, linked to the invoice', async () => {
    const director = await as(c.manager);
    const html = (await director.agent.get('/').expect(200)).text;
    const text = plain(html);
    expect(text).toContain(INVOICES);
    expect(text).toContain(`Facture F-2026-001 de ${c.providerOrg.name}`);
    expect(text).toContain('4 200,00 €');
    expect(text).toContain('bon de commande BC-2026-0001');
    expect(text).toMatch(/du 0?1(er)? mars 2026 · \d+ jours d’attente/);
    expect(html).toContain(`href="/payments/invoices/${invoiceId}"`);
    await director.agent.get(`/payments/invoices/${invoiceId}`).expect(200);
    // The director does not get the coordinator's to-do.
    expect(text).not.toContain(ORDERS);
  });

  it('is not shown to the coordinator, the provider, a funder, nor another operator’s director', async () => {
    const otherOperator = await createOrganisation(t.db, { kind: 'operator', name: 'Autre DLA' });
    const otherDirector = await createUser(t.db, { role: 'manager', organisation_id: otherOperator.id });
    const funder = await createUser(t.db, { role: 'funder', organisation_id: c.commitment.funder.id });
    for (const user of [c.coordinator, c.provider, funder, otherDirector])
      expect(plain(await homeOf(user))).not.toContain(INVOICES);
  });
});

describe('the coordinator’s service done to certify', () => {
  it('lists the order of their case invoiced beyond what is certified, linked to the order', async () => {
    const coordinator = await as(c.coordinator);
    const html = (await coordinator.agent.get('/').expect(200)).text;
    const text = plain(html);
    expect(text).toContain(ORDERS);
    expect(text).toContain(`Bon de commande BC-2026-0001 (${c.providerOrg.name})`);
    expect(text).toContain('facturé 4 200,00 €, attesté 0,00 €');
    expect(html).toContain(`href="/payments/orders/${orderId}"`);
    await coordinator.agent.get(`/payments/orders/${orderId}`).expect(200);
    await coordinator.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
  });

  it('is not shown to another coordinator, the director, the provider or a funder', async () => {
    const funder = await createUser(t.db, { role: 'funder', organisation_id: c.commitment.funder.id });
    for (const user of [c.otherCoordinator, c.manager, c.provider, funder])
      expect(plain(await homeOf(user))).not.toContain(ORDERS);
  });

  it('leaves the order once the service certified reaches what is invoiced', async () => {
    await t.db('service_certifications').insert({
      purchase_order_id: orderId,
      certified_on: '2026-03-05',
      amount_eur: '4200',
      certified_by: c.coordinator.id,
    });
    expect(plain(await homeOf(c.coordinator))).not.toContain(ORDERS);
    // Still waiting for payment on the director's side.
    expect(plain(await homeOf(c.manager))).toContain(INVOICES);
  });

  it('drops the invoice from the director’s to-do once it is rejected', async () => {
    const director = await as(c.manager);
    await director.agent
      .post(`/payments/invoices/${invoiceId}/reject`)
      .type('form')
      .send({ _csrf: director.csrf, rejected_on: '2026-03-06', reason: 'Montant erroné' })
      .expect(302);
    expect(plain(await homeOf(c.manager))).not.toContain(INVOICES);
  });
});
