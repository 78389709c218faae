import { BELFORT_TITLE } from '../../seeds/belfort';
import { seed } from '../../seeds/demo';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createStorage } from '../../src/platform/storage';
import { pdfText } from '../support/pdf-text';
import { createDemoApp, loginAs, type TestApp } from '../support/app';

// The operator's year of the demo (seeds/operator-year.ts): envelopes, Belfort's orders paid, an
// almost exhausted envelope, an invoice waiting for its payment, the provider base, headcounts.
let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const loginDemo = async (email: string) => (await loginAs(t.app, email, DEMO_PASSWORD)).agent;

const TABLES = [
  'funding_envelopes',
  'envelope_commitments',
  'purchase_orders',
  'provider_invoices',
  'service_certifications',
  'payments',
  'provider_profiles',
  'provider_consultants',
  'provider_listing_transitions',
  'structure_headcounts',
  'documents',
];

describe('the demo operator’s year', () => {
  it('gives MIFE 90 envelopes for 2025 and 2026 from the State, the Banque des Territoires and the FSE+, one almost exhausted', async () => {
    const rows = await t
      .db('funding_envelopes as e')
      .join('organisations as f', 'f.id', 'e.funder_id')
      .whereIn('e.year', [2025, 2026])
      .select(
        'e.year',
        'f.funder_type',
        'e.amount_eur',
        t.db.raw(
          `(select coalesce(sum(c.amount_eur), 0) from envelope_commitments c
             where c.envelope_id = e.id and c.status = 'committed') as committed`,
        ),
      )
      .orderBy(['e.year', 'f.funder_type']);
    expect(rows.map((r) => `${r.year} ${r.funder_type}`)).toEqual([
      '2025 banque_des_territoires',
      '2025 fse',
      '2025 state',
      '2026 banque_des_territoires',
      '2026 fse',
      '2026 state',
    ]);
    const fse2026 = rows.find((r) => r.year === 2026 && r.funder_type === 'fse')!;
    expect(Number(fse2026.committed) / Number(fse2026.amount_eur)).toBeGreaterThanOrEqual(0.9);
    expect(Number(fse2026.committed)).toBeLessThanOrEqual(Number(fse2026.amount_eur));
  });

  it('orders Belfort’s consultancy from COORACE’s selected bid: 7 000 € committed, certified, invoiced with a PDF and paid', async () => {
    const acc = await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id');
    const orders = await t
      .db('purchase_orders as o')
      .join('consultation_bids as b', 'b.id', 'o.bid_id')
      .where('o.accompaniment_id', acc.id)
      .select('o.id', 'o.status', 'o.amount_incl_vat_eur', 'b.status as bid_status');
    expect(orders.map((o) => o.bid_status)).toEqual(['selected', 'selected']);
    expect(orders.reduce((s, o) => s + Number(o.amount_incl_vat_eur), 0)).toBe(7000);
    expect(orders.every((o) => o.status === 'closed')).toBe(true);
    const invoices = await t
      .db('provider_invoices as i')
      .join('documents as d', 'd.id', 'i.document_id')
      .join('payments as p', 'p.invoice_id', 'i.id')
      .whereIn(
        'i.purchase_order_id',
        orders.map((o) => o.id),
      )
      .select('i.status', 'd.storage_key', 'd.mime_type', 'p.paid_on', 'p.amount_eur');
    expect(invoices).toHaveLength(2);
    expect(invoices.every((i) => i.status === 'paid' && i.paid_on === '2016-12-15')).toBe(true);
    const storage = createStorage(t.deps.config);
    const stream = (await storage.get(invoices[0].storage_key))!;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(invoices[0].mime_type).toBe('application/pdf');
    expect(await pdfText(bytes)).toContain('Facture COO-2016-11');
    const certified = await t
      .db('service_certifications')
      .whereIn(
        'purchase_order_id',
        orders.map((o) => o.id),
      )
      .sum('amount_eur as total')
      .first();
    expect(Number(certified!.total)).toBe(7000);
  });

  it('alerts the director on the 2026 page: the FSE+ envelope cannot hold the theatre company’s planned consultancy', async () => {
    const director = await loginDemo('direction@jalons.test');
    const page = (await director.get('/envelopes?year=2026').expect(200)).text.replace(/[\u00a0\u202f]/g, ' ');
    expect(page).toContain('FSE+ 2026 – ingénieries');
    expect(page).toContain('Prévision au-delà de l’enveloppe : 11 100,00 € prévus pour 10 000,00 €.');
    // The DDETS' account reads its own envelopes, not the Banque des Territoires' nor the FSE+'s.
    const funder = await loginDemo('financeur@jalons.test');
    const own = (await funder.get('/envelopes?year=2026').expect(200)).text;
    expect(own).toContain('Crédits DLA 2026');
    expect(own).not.toContain('FSE+ 2026');
  });

  it('shows the provider its order of 2026 and its invoice waiting for payment, with the PDF', async () => {
    const order = await t.db('purchase_orders').where({ number: 'BC-2026-0001' }).first('id');
    const provider = await loginDemo('prestataire@jalons.test');
    const page = (await provider.get(`/payments/orders/${order.id}`).expect(200)).text;
    expect(page).toContain('COO-2026-057');
    const invoice = await t.db('provider_invoices').where({ number: 'COO-2026-057' }).first('document_id');
    const pdf = await provider.get(`/documents/${invoice.document_id}/download`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
  });

  it('leaves the director an invoice of November 2026 to pay, certified by the coordinator', async () => {
    const waiting = await t
      .db('provider_invoices as i')
      .join('purchase_orders as o', 'o.id', 'i.purchase_order_id')
      .join('service_certifications as c', 'c.purchase_order_id', 'o.id')
      .where('i.status', 'submitted')
      .select('i.number', 'i.invoiced_on', 'c.certified_on');
    expect(waiting).toEqual([{ number: 'COO-2026-057', invoiced_on: '2026-11-24', certified_on: '2026-11-20' }]);
  });

  it('lists four providers with consultants and themes: listed, one due for renewal in December 2026, one pending', async () => {
    const profiles = await t
      .db('provider_profiles as p')
      .join('organisations as o', 'o.id', 'p.organisation_id')
      .select('o.name', 'p.listing_status', 'p.renewal_due_on', 'p.themes')
      .orderBy('o.name');
    expect(profiles.map((p) => [p.name, p.listing_status])).toEqual([
      ['COORACE – fédération nationale', 'listed'],
      ['Cabinet Hélios Conseil', 'listed'],
      ['Coopérative Tisserands', 'listed'],
      ['ESS Stratégies', 'pending'],
    ]);
    expect(profiles.find((p) => p.name === 'Cabinet Hélios Conseil')!.renewal_due_on).toBe('2026-12-20');
    // Every theme is a code of the national list (its rows come with src/reference-lists' migration).
    const codes: string[] = await t.db('reference_items').where({ list: 'theme' }).pluck('code');
    if (codes.length)
      for (const p of profiles) for (const theme of p.themes as string[]) expect(codes).toContain(theme);
    expect(Number((await t.db('provider_consultants').count('* as n').first())!.n)).toBeGreaterThanOrEqual(5);
  });

  it('keeps Belfort’s structures’ headcounts at the diagnostic and at the follow-up, with the case sheet’s totals', async () => {
    const rows = await t
      .db('structure_headcounts as h')
      .join('organisations as o', 'o.id', 'h.organisation_id')
      .whereIn('o.name', ['Energie Emploi', 'Intermed', 'Chamois', 'Chacasol'])
      .select(
        'o.name',
        'h.occasion',
        'h.recorded_on',
        t.db.raw('h.employees_cdi + h.employees_cdd + h.employees_assisted + h.employees_insertion as employees'),
        'h.employees_insertion',
      )
      .orderBy(['o.name', 'h.recorded_on']);
    expect(rows.filter((r) => r.occasion === 'diagnostic')).toHaveLength(4);
    expect(rows.filter((r) => r.occasion === 'checkpoint').map((r) => r.name)).toEqual([
      'Chacasol',
      'Energie Emploi',
      'Intermed',
    ]);
    expect(rows.find((r) => r.name === 'Energie Emploi')).toMatchObject({ employees: 156, employees_insertion: 150 });
  });

  it('can be loaded again without duplicating anything', async () => {
    const counts = async () => Promise.all(TABLES.map(async (table) => (await t.db(table).count('* as n').first())!.n));
    const before = await counts();
    await seed(t.db, { storage: createStorage(t.deps.config), passwordCost: 4 });
    expect(await counts()).toEqual(before);
  });
});
