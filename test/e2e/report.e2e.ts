import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { BELFORT_TITLE } from '../../seeds/belfort';
import type { PageProblems } from '../support/browser';
import { clickAndLoad, logIn as logInAt, pathOf, useBrowserSuite } from '../support/browser-suite';
import type { TestServer } from '../support/server';

const COORDINATOR = 'coordination@jalons.test';
const FUNDER = 'financeur@jalons.test';

let server: TestServer;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, context, page, problems } = s));

const h1 = (p: Page) => p.getByRole('heading', { level: 1 });
const flashText = (p: Page) => p.getByRole('status').allTextContents();
const nav = (p: Page) => p.getByRole('navigation', { name: 'Navigation principale' });
/** French numbers and amounts use (narrow) no-break spaces: compare text as a reader sees it. */
const plain = (s: string | null) =>
  (s ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Logs out by forgetting the session cookie, then logs in as someone else; everyone lands on the home page. */
async function logInAs(email: string) {
  await context.clearCookies();
  await logInAt(page, server.baseUrl, email);
  expect(pathOf(page)).toBe('/');
}

/** From the home page, through the navigation and the list, to the Belfort case page. */
async function openBelfort() {
  await clickAndLoad(page, 'link', 'Accompagnements', nav(page));
  await clickAndLoad(page, 'link', BELFORT_TITLE, page.getByRole('main'));
  expect(pathOf(page)).toMatch(/^\/accompaniments\/[1-9]\d*$/);
  expect(await h1(page).textContent()).toBe(BELFORT_TITLE);
}

/** Opens a part of the case as a user does: its link in the "Parties du dossier" nav. */
async function openTab(p: Page, label: string) {
  await clickAndLoad(p, 'link', label, p.getByRole('navigation', { name: 'Parties du dossier' }));
}

function expectNoBrowserProblem() {
  expect(problems.cspViolations).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
}

describe('funder reporting, in a real browser', () => {
  it('the coordinator writes, previews and sends a progress report; the funder finds it on its portal and downloads the PDF', async () => {
    const title = 'Point d’étape — constitution du GES';
    const nextSteps = 'Tenir l’assemblée constitutive du GES et désigner un référent par structure.';
    const risks = 'Calendrier serré avant le 1er janvier ; vigilance sur le rescrit fiscal.';
    const comment = 'Les trois structures restantes avancent ensemble.';

    // 1. The coordinator opens the Belfort case, its reports tab, and starts a new report from its section.
    await logInAs(COORDINATOR);
    await openBelfort();
    const accPath = pathOf(page);
    await openTab(page, 'Livrables et rapports');
    expect(new URL(page.url()).search).toBe('?tab=outputs');
    const section = page.getByRole('region', { name: 'Rapports d’étape' });
    await clickAndLoad(page, 'link', 'Nouveau rapport', section);
    expect(pathOf(page)).toBe(`${accPath}/reports/new`);
    expect(await h1(page).textContent()).toBe('Nouveau rapport d’étape');

    // 2. A milestone, a title and the three texts; the figures come from the record.
    await page.getByLabel('Jalon').selectOption({ label: 'Fin de phase' });
    await page.getByLabel('Titre du rapport').fill(title);
    await page.getByLabel('Prochaines étapes').fill(nextSteps);
    await page.getByLabel('Risques et points de vigilance').fill(risks);
    await page.getByLabel('Commentaire libre').fill(comment);
    await clickAndLoad(page, 'button', 'Enregistrer');
    expect(pathOf(page)).toMatch(/^\/reports\/[1-9]\d*$/);
    const reportPath = pathOf(page);
    const reportId = reportPath.split('/').pop()!;
    expect(await flashText(page)).toContain('Brouillon de rapport créé. Relisez l’aperçu avant de l’envoyer.');

    // 3. The preview: a draft, with the phases picture, the days bar (6 days contracted) and the texts.
    expect(plain(await h1(page).textContent())).toBe(title);
    expect(plain(await page.locator('.page-head .report-status').textContent())).toBe('Brouillon');
    const preview = page.getByRole('article', { name: 'Aperçu' });
    await preview.getByRole('img', { name: /^Calendrier des phases : prévu et réel/ }).waitFor();
    const days = preview.getByRole('figure', { name: 'Jours consommés par rapport aux jours contractualisés' });
    // The bar is a picture only (aria-hidden); its caption says the same in words. The demo sessions use the 6 days.
    expect(await days.locator('svg.days-bar[aria-hidden="true"] rect.days-bar__fill').count()).toBe(1);
    expect(plain(await days.locator('figcaption').textContent())).toBe(
      '6 jours consommés sur 6 contractualisés (100 %) 7 000 € consommés sur un budget de 7 000 €',
    );
    const previewText = plain(await preview.textContent());
    expect(previewText).toContain('Jalon : Fin de phase');
    expect(previewText).toContain(nextSteps);
    expect(previewText).toContain(risks);
    expect(previewText).toContain(comment);

    // 4. The send confirmation names the funders who will receive it, then the coordinator confirms.
    await clickAndLoad(page, 'link', 'Envoyer aux financeurs');
    expect(pathOf(page)).toBe(`${reportPath}/send`);
    expect(await h1(page).textContent()).toBe('Envoyer le rapport d’étape');
    expect(plain(await page.getByRole('main').textContent())).toContain(FUNDER);
    await clickAndLoad(page, 'button', 'Figer et envoyer');

    // 5. Back on the report: sent, frozen, with the SHA-256 of the PDF that was sent.
    expect(pathOf(page)).toBe(reportPath);
    expect((await flashText(page)).join(' ')).toMatch(
      /^Rapport figé et envoyé à (1 destinataire|([2-9]|\d\d+) destinataires)\.$/,
    );
    expect(plain(await h1(page).textContent())).toBe(title);
    expect(plain(await page.locator('.page-head .report-status').textContent())).toBe('Envoyé');
    const shownSha = plain(await page.locator('code.report-sha').textContent());
    expect(shownSha).toMatch(/^[0-9a-f]{64}$/);
    const saved = await server
      .db('progress_reports')
      .where({ id: reportId })
      .first('status', 'sha256', 'title', 'next_steps', 'risks', 'comment', 'milestone');
    expect(saved).toEqual({
      status: 'sent',
      sha256: shownSha,
      title,
      next_steps: nextSteps,
      risks,
      comment,
      milestone: 'phase_done',
    });
    const delivery = page.getByRole('region', { name: 'Distribution' });
    expect(await delivery.getByRole('rowheader', { name: FUNDER }).count()).toBe(1);

    // 6. The funder logs in and goes to "Mes rapports": the report is there, with its case.
    await logInAs(FUNDER);
    await clickAndLoad(page, 'link', 'Mes rapports', nav(page));
    expect(pathOf(page)).toBe('/portal');
    const received = page.getByRole('region', { name: 'Rapports reçus' });
    const row = received.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title }) });
    expect(await row.count()).toBe(1);
    expect(plain(await row.textContent())).toContain(BELFORT_TITLE);
    expect(await row.getByRole('link', { name: `PDF de « ${title} »` }).getAttribute('href')).toBe(`${reportPath}/pdf`);

    // 7. It opens the report: what was sent, without the delivery details that are the operator's business.
    await clickAndLoad(page, 'link', title, received);
    expect(pathOf(page)).toBe(reportPath);
    expect(plain(await page.locator('code.report-sha').textContent())).toBe(shownSha);
    expect(plain(await page.getByRole('article', { name: 'Aperçu' }).textContent())).toContain(nextSteps);
    expect(await page.getByRole('region', { name: 'Distribution' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Envoyer aux financeurs' }).count()).toBe(0);

    // 8. Its PDF link answers the very PDF that was sent (same bytes as the SHA-256 says), with the funder's cookies.
    const href = await page.getByRole('link', { name: 'Télécharger le PDF' }).getAttribute('href');
    expect(href).toBe(`${reportPath}/pdf`);
    const pdf = await page.request.get(`${server.baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shownSha);

    expectNoBrowserProblem();
  }, 180_000);

  it('the coordinator opens the Belfort case sheet from the case page: budget and structures are there', async () => {
    await logInAs(COORDINATOR);
    await openBelfort();
    const accPath = pathOf(page);
    await openTab(page, 'Clôture et suites');
    expect(new URL(page.url()).search).toBe('?tab=closing');
    await clickAndLoad(page, 'link', 'Voir la fiche retour', page.getByRole('region', { name: 'Fiche retour' }));
    expect(pathOf(page)).toBe(`${accPath}/case-sheet`);
    const sheet = plain(await page.getByRole('main').textContent());
    expect(sheet).toContain('7 000 €');
    expect(sheet).toContain('Chamois');
    expect(sheet).toContain(BELFORT_TITLE);

    expectNoBrowserProblem();
  }, 120_000);

  it('the coordinator opens the indicators for 2015–2016 and sees figures with charts', async () => {
    await logInAs(COORDINATOR);
    await clickAndLoad(page, 'link', 'Indicateurs', nav(page));
    expect(pathOf(page)).toBe('/indicators');
    expect(await h1(page).textContent()).toBe('Indicateurs du portefeuille');
    const period = page.getByRole('form', { name: 'Période' });
    // Their labels end with a decorative "*" (aria-hidden) that getByLabel's exact match still sees.
    const from = period.getByLabel(/^Du\b/);
    const to = period.getByLabel(/^Au\b/);
    await from.fill('2015-01-01');
    await to.fill('2016-12-31');
    await clickAndLoad(page, 'button', 'Afficher', period);

    const url = new URL(page.url());
    expect(url.pathname).toBe('/indicators');
    expect(url.searchParams.get('from')).toBe('2015-01-01');
    expect(url.searchParams.get('to')).toBe('2016-12-31');
    // The form shows the period back, and the figures count the Belfort case received in 2015.
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['2015-01-01', '2016-12-31']);
    const received = page.locator('.ind-cards .card').filter({ has: page.getByRole('heading', { name: 'Reçus' }) });
    expect(Number(plain(await received.locator('.ind-card__figure').textContent()))).toBeGreaterThanOrEqual(1);
    const charts = page.getByRole('img', { name: /^Graphique en barres/ });
    expect(await charts.count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('link', { name: 'Télécharger en CSV' }).getAttribute('href')).toBe(
      '/indicators.csv?from=2015-01-01&to=2016-12-31',
    );

    expectNoBrowserProblem();
  }, 120_000);
});
