import ExcelJS from 'exceljs';
import { issueOrder } from '../../src/payments/commands';
import { systemActor } from '../../src/platform/audit';
import type request from 'supertest';
import { createOrganisation, createUser } from '../factories';
import { tinyPdf } from '../factories/diagnostics';
import { addSession, commitOnCase, paymentCase } from '../factories/payments';
import { createTestApp, loginAs, type TestApp } from '../support/app';
import { pdfText } from '../support/pdf-text';

/**
 * Paying the provider (issue 20), the way each person meets it: the director issues a purchase order
 * from the selected bid and the convention on a commitment, the provider uploads its invoice, the
 * case's coordinator certifies the service done, the director pays; the accountant's export.
 */
let t: TestApp;
let c: Awaited<ReturnType<typeof paymentCase>>;
beforeAll(async () => {
  t = await createTestApp();
  c = await paymentCase(t.db);
});
afterAll(() => t.close());

const squash = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');
const decode = (html: string) =>
  squash(
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (b: Buffer) => chunks.push(b));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const as = (user: { email: string }) => loginAs(t.app, user.email);
type Session = Awaited<ReturnType<typeof as>>;

const issue = (s: Session, accId: string, form: Record<string, string>) =>
  s.agent
    .post(`/accompaniments/${accId}/payments/orders`)
    .type('form')
    .send({ _csrf: s.csrf, ...form });
const upload = (
  s: Session,
  orderId: string,
  form: Record<string, string>,
  file = tinyPdf('Facture'),
  name = 'facture.pdf',
) => {
  let r = s.agent.post(`/payments/orders/${orderId}/invoices`).field('_csrf', s.csrf);
  for (const [k, v] of Object.entries(form)) r = r.field(k, v);
  return r.attach('file', file, name);
};
const post = (s: Session, url: string, form: Record<string, string>) =>
  s.agent
    .post(url)
    .type('form')
    .send({ _csrf: s.csrf, ...form });

const orderOf = (id: string) =>
  t.db('purchase_orders').where({ id }).first<{ number: string; status: string; amount_incl_vat_eur: string }>();
const mailsTo = (email: string) =>
  t
    .db('outbox')
    .where({ to_address: email })
    .orderBy('id')
    .select<{ subject: string; kind: string; body_text: string }[]>('subject', 'kind', 'body_text');
const idFrom = (location: string) => /\/(\d+)$/.exec(location)?.[1] ?? '';

describe('paying the provider, from the order to the payment', () => {
  let orderId = '';
  let invoiceId = '';

  it('lets the director issue a purchase order from the selected bid, numbered per operator, with its PDF', async () => {
    const director = await as(c.manager);
    const form = await director.agent.get(`/accompaniments/${c.acc.id}/payments/orders/new`).expect(200);
    // The bid's price fills the amounts; the commitment is offered.
    expect(form.text).toContain('value="7000"');
    expect(decode(form.text)).toContain(c.providerOrg.name);
    const res = await issue(director, c.acc.id, {
      commitment_id: c.commitment.id,
      issued_on: '2026-02-02',
      amount_excl_vat: '7 000',
      amount_incl_vat: '8 400,00 €',
    }).expect(302);
    orderId = idFrom(res.headers.location);
    const order = await orderOf(orderId);
    expect(order).toMatchObject({ number: 'BC-2026-0001', status: 'issued', amount_incl_vat_eur: '8400.00' });
    const log = await t
      .db('purchase_order_transitions')
      .where({ purchase_order_id: orderId })
      .select('event', 'to_status');
    expect(log).toEqual([{ event: 'issue', to_status: 'issued' }]);
    expect(await t.db('audit_log').where({ action: 'purchase_order.issue', entity_id: orderId }).first()).toBeTruthy();
    // The provider's accounts are told, through the outbox.
    expect(await mailsTo(c.provider.email)).toEqual([
      expect.objectContaining({ subject: 'Bon de commande BC-2026-0001 reçu', kind: 'payments_order_issued' }),
    ]);

    const page = decode((await director.agent.get(`/payments/orders/${orderId}`).expect(200)).text);
    expect(page).toContain('Bon de commande BC-2026-0001');
    expect(page).toContain('Facture du prestataire attendue');

    const pdf = await director.agent.get(`/payments/orders/${orderId}/pdf`).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = squash(await pdfText(pdf.body as Buffer));
    expect(text).toContain('Bon de commande BC-2026-0001');
    expect(text).toContain(`Acheteur : ${c.operator.name}`);
    expect(text).toContain(`Prestataire : ${c.providerOrg.name}`);
    expect(text).toContain(c.structure.name);
    expect(text).toContain('Convention de référence : version 1 du 20 janvier 2026');
    expect(text).toContain('Jours de prestation : 6');
    expect(text).toContain('Montant HT : 7 000,00 €');
    expect(text).toContain('TVA : 1 400,00 €');
    expect(text).toContain('Montant TTC : 8 400,00 €');
  });

  it('refuses an order beyond the commitment, a negative amount or three decimals, next to the field, input kept', async () => {
    const director = await as(c.manager);
    const over = await issue(director, c.acc.id, {
      commitment_id: c.commitment.id,
      issued_on: '2026-02-03',
      amount_excl_vat: '100',
      amount_incl_vat: '120',
    }).expect(422);
    expect(decode(over.text)).toContain('Le montant commandé dépasse l’engagement : il reste 0,00 € à commander');
    expect(over.text).toContain('value="120"');
    const negative = await issue(director, c.acc.id, {
      commitment_id: c.commitment.id,
      issued_on: '2026-02-03',
      amount_excl_vat: '-5',
      amount_incl_vat: '1 234,567',
    }).expect(422);
    expect(decode(negative.text)).toContain('Le montant ne peut pas être négatif.');
    expect(decode(negative.text)).toContain('Deux décimales au plus');
    expect(negative.text).toContain('value="1 234,567"');
    const future = await issue(director, c.acc.id, {
      commitment_id: c.commitment.id,
      issued_on: '2099-01-01',
      amount_excl_vat: '1',
      amount_incl_vat: '1',
    }).expect(422);
    expect(future.text).toContain('field--error');
    const [{ n }] = await t.db('purchase_orders').where({ accompaniment_id: c.acc.id }).count({ n: '*' });
    expect(Number(n)).toBe(1);
  });

  it('keeps other providers out, and the coordinator away from issuing orders', async () => {
    const other = await as(c.otherProvider);
    await other.agent.get(`/payments/orders/${orderId}`).expect(404);
    await other.agent.get(`/payments/orders/${orderId}/pdf`).expect(404);
    await upload(other, orderId, {
      number: 'X',
      invoiced_on: '2026-03-01',
      amount_excl_vat: '1',
      amount_incl_vat: '1',
    }).expect(404);
    const coordinator = await as(c.coordinator);
    await coordinator.agent.get(`/accompaniments/${c.acc.id}/payments/orders/new`).expect(403);
    await issue(coordinator, c.acc.id, {
      commitment_id: c.commitment.id,
      issued_on: '2026-02-03',
      amount_excl_vat: '1',
      amount_incl_vat: '1',
    }).expect(403);
    await coordinator.agent.get('/payments/export').expect(403);
    // A funder or a structure reads none of it (a funder reads its envelope's figures, src/envelopes/).
    const funder = await as(await createUser(t.db, { role: 'funder', organisation_id: c.commitment.funder.id }));
    await funder.agent.get(`/payments/orders/${orderId}`).expect(404);
    await funder.agent.get('/payments/export').expect(403);
    const structure = await as(await createUser(t.db, { role: 'beneficiary', organisation_id: c.structure.id }));
    await structure.agent.get(`/payments/orders/${orderId}/pdf`).expect(404);
  });

  it('lets the provider upload its invoice as a PDF judged from its bytes, refusing one above what remains', async () => {
    const provider = await as(c.provider);
    const homePage = (await provider.agent.get('/').expect(200)).text;
    const home = decode(homePage);
    expect(home).toContain('Mes bons de commande');
    expect(home).toContain('BC-2026-0001');
    // Its workspace offers the invoice form on the order.
    expect(homePage).toContain(`action="/payments/orders/${orderId}/invoices" enctype="multipart/form-data"`);
    expect(home).toContain('Déposer une facture sur le bon de commande BC-2026-0001');

    const notPdf = await upload(
      provider,
      orderId,
      { number: 'F-2026-001', invoiced_on: '2026-03-01', amount_excl_vat: '7000', amount_incl_vat: '8400' },
      Buffer.from('Ceci est un texte, pas une facture.'),
      'facture.pdf',
    ).expect(422);
    expect(notPdf.text).toContain('value="F-2026-001"');
    const tooMuch = await upload(provider, orderId, {
      number: 'F-2026-001',
      invoiced_on: '2026-03-01',
      amount_excl_vat: '7 000',
      amount_incl_vat: '8 400,01',
    }).expect(422);
    expect(decode(tooMuch.text)).toContain('dépasse le reste à facturer du bon de commande : 8 400,00 € TTC au plus');
    expect(tooMuch.text).toContain('value="8 400,01"');
    expect(await t.db('documents').where({ accompaniment_id: c.acc.id, purpose: 'provider_invoice' })).toEqual([]);

    await upload(provider, orderId, {
      number: 'F-2026-001',
      invoiced_on: '2026-03-01',
      amount_excl_vat: '7 000',
      amount_incl_vat: '8 400',
    }).expect(302);
    const invoice = await t
      .db('provider_invoices')
      .where({ purchase_order_id: orderId })
      .first<{ id: string; status: string; document_id: string }>();
    expect(invoice.status).toBe('submitted');
    invoiceId = String(invoice.id);
    expect((await mailsTo(c.manager.email)).map((m) => m.subject)).toEqual(['Facture F-2026-001 reçue']);
    const doc = await t.db('documents').where({ id: invoice.document_id }).first<{ purpose: string }>();
    expect(doc.purpose).toBe('provider_invoice');
    await provider.agent.get(`/documents/${invoice.document_id}/download`).expect(200);
    const other = await as(c.otherProvider);
    await other.agent.get(`/documents/${invoice.document_id}/download`).expect(404);
    await other.agent.get(`/payments/invoices/${invoiceId}`).expect(404);
  });

  it('lets the case’s coordinator certify the service done once the sessions are held, and no one else', async () => {
    const sessionId = await addSession(t.db, c.acc.id, { title: 'Restitution collective', phaseId: c.phaseId });
    const coordinator = await as(c.coordinator);
    const early = await post(coordinator, `/payments/orders/${orderId}/certifications`, {
      certified_on: '2026-03-10',
      amount: '8 400',
    }).expect(422);
    expect(decode(early.text)).toContain('Le service fait ne peut pas encore être attesté');
    expect(decode(early.text)).toContain('Restitution collective');
    expect(early.text).toContain('value="8 400"');

    const provider = await as(c.provider);
    await post(provider, `/payments/orders/${orderId}/certifications`, {
      certified_on: '2026-03-10',
      amount: '1',
    }).expect(403);
    const otherCoordinator = await as(c.otherCoordinator);
    await post(otherCoordinator, `/payments/orders/${orderId}/certifications`, {
      certified_on: '2026-03-10',
      amount: '1',
    }).expect(403);

    await t.db('sessions').where({ id: sessionId }).update({ status: 'held' });
    const over = await post(coordinator, `/payments/orders/${orderId}/certifications`, {
      certified_on: '2026-03-10',
      amount: '8 400,01',
    }).expect(422);
    expect(decode(over.text)).toContain('Le service fait dépasserait le montant commandé');
    await post(coordinator, `/payments/orders/${orderId}/certifications`, {
      phase_id: c.phaseId,
      certified_on: '2026-03-10',
      amount: '8 400',
    }).expect(302);
    const [cert] = await t.db('service_certifications').where({ purchase_order_id: orderId });
    expect(cert).toMatchObject({ amount_eur: '8400.00', certified_on: '2026-03-10', certified_by: c.coordinator.id });
  });

  it('lets the director pay the invoice: paid when fully paid, and the order closes', async () => {
    const coordinator = await as(c.coordinator);
    await post(coordinator, `/payments/invoices/${invoiceId}/payments`, { paid_on: '2026-03-20', amount: '1' }).expect(
      403,
    );

    const director = await as(c.manager);
    const tooMuch = await post(director, `/payments/invoices/${invoiceId}/payments`, {
      paid_on: '2026-03-20',
      amount: '8 400,50',
    }).expect(422);
    expect(decode(tooMuch.text)).toContain('Le paiement dépasse le reste à payer de la facture : 8 400,00 € au plus.');
    await post(director, `/payments/invoices/${invoiceId}/payments`, {
      paid_on: '2026-03-20',
      amount: '4 200',
      reference: 'VIR-1',
    }).expect(302);
    expect((await t.db('provider_invoices').where({ id: invoiceId }).first<{ status: string }>()).status).toBe(
      'submitted',
    );
    expect((await orderOf(orderId)).status).toBe('issued');
    await post(director, `/payments/invoices/${invoiceId}/payments`, {
      paid_on: '2026-03-25',
      amount: '4200.00',
    }).expect(302);
    expect((await t.db('provider_invoices').where({ id: invoiceId }).first<{ status: string }>()).status).toBe('paid');
    expect((await orderOf(orderId)).status).toBe('closed');
    expect((await mailsTo(c.provider.email)).map((m) => m.subject)).toEqual([
      'Bon de commande BC-2026-0001 reçu',
      'Facture F-2026-001 payée',
    ]);
    // Settled: a late invoice or payment is refused in French, on top of the page (its form is gone).
    const late = await upload(await as(c.provider), orderId, {
      number: 'F-2026-009',
      invoiced_on: '2026-04-01',
      amount_excl_vat: '1',
      amount_incl_vat: '1',
    }).expect(422);
    expect(decode(late.text)).toContain('Ce bon de commande n’est plus en cours (annulé ou soldé).');
    const again = await post(director, `/payments/invoices/${invoiceId}/payments`, {
      paid_on: '2026-04-01',
      amount: '1',
    }).expect(422);
    expect(decode(again.text)).toContain('Cette facture n’est plus en attente (rejetée ou payée).');
    expect(await t.db('documents').where({ accompaniment_id: c.acc.id, purpose: 'provider_invoice' })).toHaveLength(1);
    const log = await t
      .db('purchase_order_transitions')
      .where({ purchase_order_id: orderId })
      .orderBy('id')
      .select('event', 'to_status', 'happened_on');
    expect(log.map((l: { event: string }) => l.event)).toEqual(['issue', 'close']);

    const tab = decode((await director.agent.get(`/accompaniments/${c.acc.id}?tab=outputs`).expect(200)).text);
    expect(tab).toContain('Paiement du prestataire');
    expect(tab).toContain('BC-2026-0001');
    expect(tab).toContain('Soldé');
    expect(tab).toContain('8 400,00 €');
  });

  it('exports the period’s orders, invoices and payments as CSV and XLSX, one line per movement, amounts as numbers', async () => {
    const director = await as(c.manager);
    const csv = await director.agent
      .get('/payments/export?from=2026-01-01&to=2026-12-31&format=csv')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = (csv.body as Buffer)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'));
    expect(lines[0]).toEqual([
      'Date',
      'Mouvement',
      'N° bon de commande',
      'N° facture',
      'Opérateur',
      'Prestataire',
      'Accompagnement',
      'Enveloppe',
      'Financeur',
      'Montant HT',
      'Montant TTC',
      'Statut',
      'Référence',
    ]);
    const body = lines.slice(1).map((l) => [l[0], l[1], l[2], l[3], l[9], l[10], l[12]]);
    expect(body).toEqual([
      ['2026-02-02', 'Bon de commande', 'BC-2026-0001', '', '7000', '8400', ''],
      ['2026-03-01', 'Facture', 'BC-2026-0001', 'F-2026-001', '7000', '8400', ''],
      ['2026-03-20', 'Paiement', 'BC-2026-0001', 'F-2026-001', '', '4200', 'VIR-1'],
      ['2026-03-25', 'Paiement', 'BC-2026-0001', 'F-2026-001', '', '4200', ''],
    ]);

    const xlsx = await director.agent
      .get('/payments/export?from=2026-03-01&to=2026-03-31&format=xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('Mouvements');
    const rows: unknown[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(4);
    expect(rows[1].slice(0, 4)).toEqual(['2026-03-01', 'Facture', 'BC-2026-0001', 'F-2026-001']);
    expect(rows[1][10]).toBe(8400);
    expect(rows[2][10]).toBe(4200);

    const bad = await director.agent.get('/payments/export?from=2026-12-31&to=2026-01-01&format=csv').expect(422);
    expect(decode(bad.text)).toContain('La date de fin doit suivre la date de début.');

    // Another operator's director sees none of it.
    const otherOperator = await createOrganisation(t.db, { kind: 'operator' });
    const otherDirector = await as(await createUser(t.db, { role: 'manager', organisation_id: otherOperator.id }));
    const none = await otherDirector.agent
      .get('/payments/export?from=2026-01-01&to=2026-12-31&format=csv')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((none.body as Buffer).toString('utf8').trim().split('\r\n')).toHaveLength(1);
    await otherDirector.agent.get(`/payments/orders/${orderId}`).expect(404);
  });
});

describe('numbering under concurrency', () => {
  it('gives two orders issued at the same moment two numbers', async () => {
    const d = await paymentCase(t.db);
    const issueOne = (issued_on: string) =>
      t.deps.write(systemActor('test'), (w) =>
        issueOrder(
          w,
          d.acc,
          {
            commitment_id: d.commitment.id,
            issued_on,
            amount_excl_vat: '10',
            amount_incl_vat: '12',
          },
          { baseUrl: 'http://jalons.test' },
        ),
      );
    const numbers = (await Promise.all([issueOne('2026-02-02'), issueOne('2026-02-02')])).map((o) => o.number).sort();
    expect(numbers).toEqual(['BC-2026-0001', 'BC-2026-0002']);
  });
});

describe('cancelling an order and numbering', () => {
  it('numbers the next order of the operator, and cancels one with a reason (not one with a standing invoice)', async () => {
    const d = await paymentCase(t.db);
    const director = await as(d.manager);
    const first = await issue(director, d.acc.id, {
      commitment_id: d.commitment.id,
      issued_on: '2026-02-02',
      amount_excl_vat: '1000',
      amount_incl_vat: '1200',
    }).expect(302);
    const second = await issue(director, d.acc.id, {
      commitment_id: d.commitment.id,
      issued_on: '2026-02-03',
      amount_excl_vat: '1000',
      amount_incl_vat: '1000',
    }).expect(302);
    const firstId = idFrom(first.headers.location);
    const secondId = idFrom(second.headers.location);
    expect((await orderOf(secondId)).number).toBe('BC-2026-0002');

    const provider = await as(d.provider);
    await upload(provider, firstId, {
      number: 'F-1',
      invoiced_on: '2026-03-01',
      amount_excl_vat: '1000',
      amount_incl_vat: '1200',
    }).expect(302);
    const refused = await post(director, `/payments/orders/${firstId}/cancel`, {
      cancelled_on: '2026-03-05',
      reason: 'Erreur',
    }).expect(422);
    expect(decode(refused.text)).toContain('Une facture est en cours sur ce bon de commande');

    const noReason = await post(director, `/payments/orders/${secondId}/cancel`, {
      cancelled_on: '2026-03-05',
      reason: '',
    }).expect(422);
    expect(noReason.text).toContain('field--error');
    await post(director, `/payments/orders/${secondId}/cancel`, {
      cancelled_on: '2026-03-05',
      reason: 'Commande en double',
    }).expect(302);
    expect((await orderOf(secondId)).status).toBe('cancelled');
    const page = decode((await director.agent.get(`/payments/orders/${secondId}`).expect(200)).text);
    expect(page).toContain('Annulé le 5 mars 2026 : Commande en double');

    // The director rejects the invoice with a reason; the provider may then invoice again.
    const [inv] = await t.db('provider_invoices').where({ purchase_order_id: firstId }).select<{ id: string }[]>('id');
    await post(director, `/payments/invoices/${inv.id}/reject`, {
      rejected_on: '2026-03-06',
      reason: 'TVA erronée',
    }).expect(302);
    const invoicePage = decode((await provider.agent.get(`/payments/invoices/${inv.id}`).expect(200)).text);
    expect(invoicePage).toContain('Rejetée : TVA erronée');
    const rejected = (await mailsTo(d.provider.email)).find((m) => m.subject === 'Facture F-1 rejetée');
    expect(rejected?.body_text).toContain('Motif : TVA erronée');
    await upload(provider, firstId, {
      number: 'F-2',
      invoiced_on: '2026-03-07',
      amount_excl_vat: '1000',
      amount_incl_vat: '1200',
    }).expect(302);

    // A second commitment of the case is offered too; a released one is refused.
    const more = await commitOnCase(t.db, d.operator.id, d.acc.id, { amount: '500' });
    await t.db('envelope_commitments').where({ id: more.id }).update({ status: 'released' });
    const released = await issue(director, d.acc.id, {
      commitment_id: more.id,
      issued_on: '2026-02-03',
      amount_excl_vat: '10',
      amount_incl_vat: '10',
    }).expect(422);
    expect(decode(released.text)).toContain('Choisissez l’engagement de l’action');
  });
});
