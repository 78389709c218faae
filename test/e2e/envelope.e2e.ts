import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { localToday } from '../../src/platform/dates';
import { createPdf } from '../../src/platform/pdf';
import type { PageProblems } from '../support/browser';
import { clickAndLoad, logIn, pathOf, RESULTS_DIR, useBrowserSuite } from '../support/browser-suite';
import type { TestServer } from '../support/server';

// An envelope followed from commitment to payment through the screens, as issue 20 tells it, on the
// demo's year (seeds/operator-year.ts). The Ateliers du Salbert's consultancy (COORACE selected, its
// convention signed, 9 600 € committed and ordered on the FSE+ envelope) gets a second share from the
// Banque des Territoires' envelope of the year, untouched so far: the director commits it (an amount
// beyond what is left refused first) and orders it from COORACE; COORACE invoices it (beyond the
// order refused first); the coordinator certifies the service done (refused first, the screen naming
// the phase's restitution not held yet; held, then certified); the director pays; the envelope's page
// then reads each step's amount. The demo's year is 2026: every step happens on today's date while
// it is 2026, and on 31 December 2026 once it is not (a 2026 commitment carries a day of 2026, never
// a future one); the envelopes' page is then opened on 2026, as a director would pick that year.
const DIRECTOR = 'direction@jalons.test';
const COORDINATOR = 'coordination@jalons.test';
const PROVIDER = 'prestataire@jalons.test';
const CASE_TITLE = 'Structuration commerciale d’une entreprise d’insertion';
const FSE = 'FSE+ 2026 – ingénieries';
const BDT = 'Banque des Territoires – DLA 2026';
const INVOICE = 'COO-2026-071';
const PHASE_2 = 'Outils de suivi des devis et formation de l’équipe';
const SESSION = 'Restitution de la phase 2 : outils de suivi des devis';

let server: TestServer;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, context, page, problems } = s));

/** Text as a reader sees it: French number formatting's no-break spaces as spaces, runs of blanks as one. */
const plain = (s: string | null) =>
  (s ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const flashText = async (p: Page) => (await p.getByRole('status').allTextContents()).map(plain);
const mainNav = (p: Page) => p.getByRole('navigation', { name: 'Navigation principale' });
const errorOf = async (p: Page, field: string) => plain(await p.locator(`#field-${field}-error`).textContent());

/** Logs out by forgetting the session cookie, then logs in as someone else. */
async function logInAs(email: string) {
  await context.clearCookies();
  await logIn(page, server.baseUrl, email);
  expect(pathOf(page)).toBe('/');
}

/** Opens a part of the case as a user does: its link in the « Parties du dossier » nav. */
const openTab = (p: Page, label: string) =>
  clickAndLoad(p, 'link', label, p.getByRole('navigation', { name: 'Parties du dossier' }));

/** Picks the one option of a select whose text contains `text` (option labels carry amounts left). */
async function pick(select: Locator, text: string) {
  const option = select.locator('option', { hasText: text });
  expect(await option.count()).toBe(1);
  await select.selectOption((await option.getAttribute('value')) ?? '');
}

/** An envelope's figures as its definition list reads them: « Engagé » → « 2 400,00 € ». */
async function figuresOf(within: Locator) {
  const list = within.locator('dl.envelope-figures');
  const terms = (await list.locator('dt').allTextContents()).map(plain);
  const values = (await list.locator('dd').allTextContents()).map(plain);
  return Object.fromEntries(terms.map((t, i) => [t, values[i]]));
}

/** The provider's invoice, a real one-page PDF written with pdfkit as its accounting software would. */
async function invoicePdf(dir: string) {
  const { doc, done } = await createPdf({ title: `Facture ${INVOICE}` });
  doc.fontSize(16).text(`Facture ${INVOICE}`).moveDown();
  doc.fontSize(11).text('COORACE – fédération nationale, pour la MIFE 90');
  doc.text(`${CASE_TITLE} – part Banque des Territoires`);
  doc.text('Montant HT : 2 400,00 € — Montant TTC : 2 400,00 € (association non assujettie à la TVA)');
  doc.end();
  const file = path.join(dir, `facture-${INVOICE}.pdf`);
  fs.writeFileSync(file, await done);
  return file;
}

describe('an envelope followed from commitment to payment, in a real browser', () => {
  it('the director commits and orders, the provider invoices, the coordinator certifies, the director pays', async () => {
    const year = '2026';
    const today = localToday() < '2027-01-01' ? localToday() : '2026-12-31';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-e2e-envelope-'));
    const invoiceFile = await invoicePdf(dir);

    // 1. The director opens « Enveloppes »: the year's envelopes, the Banque des Territoires' untouched.
    await logInAs(DIRECTOR);
    await clickAndLoad(page, 'link', 'Enveloppes', mainNav(page));
    expect(pathOf(page)).toBe('/envelopes');
    if (localToday().slice(0, 4) !== year) await page.goto(`${server.baseUrl}/envelopes?year=${year}`);
    expect(plain(await page.getByRole('heading', { level: 1 }).textContent())).toBe(
      `Enveloppes de financement ${year}`,
    );
    for (const label of ['Crédits DLA 2026', BDT, FSE])
      expect(await page.getByRole('article', { name: label }).count()).toBe(1);
    const bdtBefore = await figuresOf(page.getByRole('article', { name: BDT }));
    expect(bdtBefore).toMatchObject({
      Montant: '24 000,00 €',
      Engagé: '0,00 €',
      Commandé: '0,00 €',
      'Service fait': '0,00 €',
      Facturé: '0,00 €',
      Payé: '0,00 €',
      Reste: '24 000,00 €',
    });
    // The FSE+ envelope is almost exhausted: its commitments lead to the cases.
    await clickAndLoad(page, 'link', FSE, page.getByRole('article', { name: FSE }));
    const fseBefore = await figuresOf(page.getByRole('region', { name: 'Chiffres de l’enveloppe' }));
    expect(fseBefore).toMatchObject({ Engagé: '9 600,00 €', Reste: '400,00 €' });
    await clickAndLoad(page, 'link', CASE_TITLE, page.getByRole('region', { name: 'Engagements' }));
    expect(pathOf(page)).toMatch(/^\/accompaniments\/[1-9]\d*$/);
    const casePath = pathOf(page);
    expect(new URL(page.url()).search).toBe('?tab=framing');

    // Committing on the Banque des Territoires' envelope: beyond what is left refused in French, input kept.
    const financing = page.getByRole('region', { name: 'Financement' });
    expect(plain(await financing.textContent())).toContain(`9 600,00 € sur « ${FSE} »`);
    await clickAndLoad(page, 'link', 'Engager sur une enveloppe', financing);
    expect(pathOf(page)).toBe(`${casePath}/envelope-commitments/new`);
    await pick(page.getByLabel('Enveloppe'), BDT);
    await page.getByLabel('Montant engagé (€)').fill('30 000');
    expect(await page.getByLabel('Date de l’engagement').inputValue()).toBe(localToday());
    await page.getByLabel('Date de l’engagement').fill(today);
    await clickAndLoad(page, 'button', 'Engager');
    expect(await errorOf(page, 'amount_eur')).toBe(
      'Ce montant dépasse ce qui reste sur l’enveloppe (24 000,00 €) de 6 000,00 €. ' +
        'Pour l’engager quand même, indiquez le motif du dépassement.',
    );
    expect(await page.getByLabel('Montant engagé (€)').inputValue()).toBe('30 000');
    expect(plain(await page.getByLabel('Enveloppe').locator('option:checked').textContent())).toContain(BDT);
    // The form now asks for the direction's reason; the director commits what the envelope holds instead.
    expect(await page.getByLabel('Motif du dépassement').count()).toBe(1);
    await page.getByLabel('Montant engagé (€)').fill('2 400,00');
    await clickAndLoad(page, 'button', 'Engager');
    expect(pathOf(page)).toBe(casePath);
    expect(await flashText(page)).toContain(`2 400,00 € engagés sur l’enveloppe « ${BDT} ».`);
    expect(plain(await financing.textContent())).toContain(`2 400,00 € sur « ${BDT} »`);

    // The purchase order, from the case's payments: the bid's price (9 600 €) is beyond this commitment.
    await openTab(page, 'Livrables et rapports');
    const payments = page.getByRole('region', { name: 'Paiement du prestataire' });
    await clickAndLoad(page, 'link', 'Émettre un bon de commande', payments);
    expect(plain(await page.locator('dl.facts').textContent())).toContain('COORACE – fédération nationale');
    await pick(page.getByLabel('Engagement (enveloppe)'), BDT);
    await page.getByLabel('Date d’émission').fill(today);
    expect(await page.getByLabel('Montant TTC').inputValue()).toBe('9600');
    await clickAndLoad(page, 'button', 'Émettre le bon de commande');
    expect(await errorOf(page, 'amount_incl_vat')).toBe(
      'Le montant commandé dépasse l’engagement : il reste 2 400,00 € à commander sur cet engagement.',
    );
    await page.getByLabel('Montant HT').fill('2 400,00');
    await page.getByLabel('Montant TTC').fill('2 400,00');
    await clickAndLoad(page, 'button', 'Émettre le bon de commande');
    expect(pathOf(page)).toMatch(/^\/payments\/orders\/[1-9]\d*$/);
    const orderPath = pathOf(page);
    const heading = plain(await page.getByRole('heading', { level: 1 }).textContent());
    const orderNumber = heading.replace('Bon de commande ', '');
    expect(orderNumber).toMatch(new RegExp(`^BC-${year}-\\d{4}$`));
    expect(await flashText(page)).toContain(`Bon de commande ${orderNumber} émis.`);
    // Its PDF answers a PDF.
    const pdfHref = await page.getByRole('link', { name: 'Bon de commande (PDF)' }).getAttribute('href');
    expect(pdfHref).toBe(`${orderPath}/pdf`);
    const pdf = await page.request.get(`${server.baseUrl}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // 2. COORACE sees its own orders only, and invoices this one (beyond the order refused first).
    await logInAs(PROVIDER);
    const panel = page.getByRole('region', { name: 'Mes bons de commande' });
    const panelText = plain(await panel.textContent());
    expect(panelText).toContain(orderNumber);
    expect(panelText).toContain(CASE_TITLE);
    const otherOrders = await server
      .db('purchase_orders as o')
      .join('organisations as p', 'p.id', 'o.provider_id')
      .whereNot('p.name', 'COORACE – fédération nationale')
      .select('o.id', 'o.number');
    expect(otherOrders.length).toBeGreaterThan(0);
    for (const o of otherOrders) expect(panelText).not.toContain(o.number);
    const foreign = await page.goto(`${server.baseUrl}/payments/orders/${otherOrders[0].id}`);
    expect(foreign?.status()).toBe(404);
    await page.goto(`${server.baseUrl}/`);
    const row = panel.getByRole('row').filter({ hasText: orderNumber });
    await clickAndLoad(page, 'link', 'Déposer une facture', row);
    expect(pathOf(page)).toBe(orderPath);
    const upload = page.getByRole('form', { name: 'Déposer une facture' });
    await upload.getByLabel('N° de facture').fill(INVOICE);
    await upload.getByLabel('Date de la facture').fill(today);
    await upload.getByLabel('Montant HT').fill('3 000,00');
    await upload.getByLabel('Montant TTC').fill('3 000,00');
    await upload.getByLabel('Facture (PDF)').setInputFiles(invoiceFile);
    await clickAndLoad(page, 'button', 'Déposer la facture');
    expect(await errorOf(page, 'amount_incl_vat')).toBe(
      'Le montant de la facture dépasse le reste à facturer du bon de commande : 2 400,00 € TTC au plus.',
    );
    expect(await upload.getByLabel('N° de facture').inputValue()).toBe(INVOICE);
    expect(await upload.getByLabel('Montant TTC').inputValue()).toBe('3 000,00');
    expect(await server.db('provider_invoices').where({ number: INVOICE }).first('id')).toBeUndefined();
    await upload.getByLabel('Montant HT').fill('2 400,00');
    await upload.getByLabel('Montant TTC').fill('2 400,00');
    await upload.getByLabel('Facture (PDF)').setInputFiles(invoiceFile);
    await clickAndLoad(page, 'button', 'Déposer la facture');
    expect(pathOf(page)).toBe(orderPath);
    expect(await flashText(page)).toContain(`Facture ${INVOICE} déposée.`);

    /** From the case page: its outputs tab, the order in « Paiement du prestataire ». */
    const openOrder = async () => {
      await openTab(page, 'Livrables et rapports');
      await clickAndLoad(page, 'link', orderNumber, page.getByRole('region', { name: 'Paiement du prestataire' }));
      expect(pathOf(page)).toBe(orderPath);
    };

    // 3. The coordinator certifies the service done on the order, from the case's payments. Phase 2's
    // restitution, planned on the case, is not declared held yet: the screen says so.
    await logInAs(COORDINATOR);
    await clickAndLoad(page, 'link', 'Accompagnements', mainNav(page));
    await clickAndLoad(page, 'link', CASE_TITLE, page.getByRole('main'));
    expect(pathOf(page)).toBe(casePath);
    await openTab(page, 'Déroulement');
    await clickAndLoad(
      page,
      'link',
      'Nouvelle séance',
      page.getByRole('region', { name: 'Séances et jours consommés' }),
    );
    await page.getByLabel('Type de séance').selectOption({ label: 'Restitution' });
    await page.getByRole('textbox', { name: 'Intitulé' }).fill(SESSION);
    await page.getByRole('textbox', { name: 'Date', exact: true }).fill(today);
    await page.getByLabel('Heure de début').fill('09:00');
    await page.getByLabel('Heure de fin').fill('12:00');
    await page.getByLabel('Phase', { exact: true }).selectOption({ label: `2. ${PHASE_2}` });
    await clickAndLoad(page, 'button', 'Enregistrer la séance');
    expect(pathOf(page)).toMatch(/^\/sessions\/[1-9]\d*$/);
    const sessionPath = pathOf(page);
    expect(await flashText(page)).toContain('Séance enregistrée.');
    await clickAndLoad(page, 'link', 'Retour à l’accompagnement');
    await openOrder();
    const certify = page.getByRole('form', { name: 'Attester le service fait' });
    const certifyIt = async () => {
      await certify.getByLabel('Service fait le').fill(today);
      await certify.getByLabel('Montant du service fait (TTC)').fill('2 400,00');
      await certify.getByLabel('Observations').fill('Journées complémentaires de formation de l’équipe réalisées.');
      await clickAndLoad(page, 'button', 'Attester le service fait');
    };
    await certifyIt();
    const refusal = plain(await page.locator('#certify-title ~ .notice').innerText());
    expect(refusal).toBe(`Séances pas encore tenues : ${SESSION}`);
    expect(plain(await page.getByRole('alert').textContent())).toContain(
      'Le service fait ne peut pas encore être attesté : il reste à faire.',
    );
    expect(await certify.getByLabel('Montant du service fait (TTC)').inputValue()).toBe('2 400,00');
    expect(
      await server
        .db('service_certifications')
        .where({ note: 'Journées complémentaires de formation de l’équipe réalisées.' })
        .first('id'),
    ).toBeUndefined();
    // The session held (its minutes written), the service done is certified.
    await clickAndLoad(page, 'link', CASE_TITLE, page.locator('.breadcrumb'));
    await openTab(page, 'Déroulement');
    await clickAndLoad(page, 'link', SESSION, page.getByRole('region', { name: 'Séances et jours consommés' }));
    expect(pathOf(page)).toBe(sessionPath);
    await clickAndLoad(page, 'link', 'Modifier la séance');
    await page.getByLabel('Statut').selectOption({ label: 'Tenue' });
    await page
      .getByLabel('Compte rendu')
      .fill('Équipe formée à l’outil de suivi des devis ; relances mensuelles en place.');
    await clickAndLoad(page, 'button', 'Enregistrer');
    expect(await flashText(page)).toContain('Séance mise à jour.');
    await clickAndLoad(page, 'link', 'Retour à l’accompagnement');
    await openOrder();
    await certifyIt();
    expect(await flashText(page)).toContain('Service fait attesté.');

    // 4. The director records the payment of the invoice, from the envelope's commitment; the order is then settled.
    await logInAs(DIRECTOR);
    await clickAndLoad(page, 'link', 'Enveloppes', mainNav(page));
    await clickAndLoad(page, 'link', BDT, page.getByRole('article', { name: BDT }));
    await clickAndLoad(page, 'link', CASE_TITLE, page.getByRole('region', { name: 'Engagements' }));
    await openOrder();
    await clickAndLoad(page, 'link', INVOICE);
    expect(pathOf(page)).toMatch(/^\/payments\/invoices\/[1-9]\d*$/);
    const pay = page.getByRole('form', { name: 'Enregistrer un paiement' });
    await pay.getByLabel('Payé le').fill(today);
    await pay.getByLabel('Montant payé').fill('2 400,00');
    await pay.getByLabel('Référence du paiement (virement, mandat)').fill(`Virement ${orderNumber}`);
    await clickAndLoad(page, 'button', 'Enregistrer le paiement');
    expect(await flashText(page)).toEqual(
      expect.arrayContaining([
        `Paiement de la facture ${INVOICE} enregistré.`,
        `Le bon de commande ${orderNumber} est entièrement facturé et payé : il est soldé.`,
      ]),
    );

    // The envelope's page: each step's amount, on the envelope and on the case's commitment.
    await clickAndLoad(page, 'link', 'Enveloppes', mainNav(page));
    const moved = {
      Montant: '24 000,00 €',
      Engagé: '2 400,00 €',
      Commandé: '2 400,00 €',
      'Service fait': '2 400,00 €',
      Facturé: '2 400,00 €',
      Payé: '2 400,00 €',
      Reste: '21 600,00 €',
    };
    expect(await figuresOf(page.getByRole('article', { name: BDT }))).toMatchObject(moved);
    await clickAndLoad(page, 'link', BDT, page.getByRole('article', { name: BDT }));
    expect(await figuresOf(page.getByRole('region', { name: 'Chiffres de l’enveloppe' }))).toMatchObject(moved);
    const commitment = page
      .getByRole('region', { name: 'Engagements' })
      .getByRole('row')
      .filter({ hasText: CASE_TITLE });
    const cells = (await commitment.getByRole('cell').allTextContents()).map(plain);
    expect(cells.slice(2, 7)).toEqual(['2 400,00 €', '2 400,00 €', '2 400,00 €', '2 400,00 €', '2 400,00 €']);
    // The FSE+ envelope did not move.
    await clickAndLoad(page, 'link', `Retour aux enveloppes ${year}`);
    expect(await figuresOf(page.getByRole('article', { name: FSE }))).toEqual(fseBefore);

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'envelope-year.png'), fullPage: true });

    // What was stored: the commitment, its order, the invoice with its PDF, the certificate and the payment.
    const db = server.db;
    const stored = await db('envelope_commitments as c')
      .join('funding_envelopes as e', 'e.id', 'c.envelope_id')
      .join('purchase_orders as o', 'o.commitment_id', 'c.id')
      .join('provider_invoices as i', 'i.purchase_order_id', 'o.id')
      .join('payments as p', 'p.invoice_id', 'i.id')
      .where({ 'e.label': BDT })
      .first(
        db.raw('c.amount_eur::text as committed'),
        'c.status as commitment_status',
        'o.number',
        'o.status as order_status',
        'i.status as invoice_status',
        'i.document_id',
        db.raw('p.amount_eur::text as paid'),
        'p.paid_on',
      );
    expect(stored).toMatchObject({
      committed: '2400.00',
      commitment_status: 'committed',
      number: orderNumber,
      order_status: 'closed',
      invoice_status: 'paid',
      paid: '2400.00',
      paid_on: today,
    });
    expect(stored.document_id).not.toBeNull();
    const certified = await db('service_certifications as s')
      .join('purchase_orders as o', 'o.id', 's.purchase_order_id')
      .where('o.number', orderNumber)
      .select(db.raw('s.amount_eur::text as amount'), 's.certified_on');
    expect(certified).toEqual([{ amount: '2400.00', certified_on: today }]);

    // The refusals answered 422 and the other provider's order 404 on purpose: that, and only that.
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((m) => !/status of (422|404)/.test(m))).toEqual([]);
  }, 120_000); // Four people and some forty pages on a loaded machine: report.e2e.ts's allowance for long walks.
});
