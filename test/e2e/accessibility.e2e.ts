import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { TABS, tabUrl } from '../../src/accompaniments/tabs';
import { axeViolations, describeViolations } from '../support/axe';
import type { PageProblems } from '../support/browser';
import { logIn, RESULTS_DIR, useBrowserSuite } from '../support/browser-suite';
import { newContext } from '../support/browser';
import type { TestServer } from '../support/server';

// Issue 21, « Accessibility, checked » and « Phones and long pages »: axe-core on every main page of
// every role (no serious or critical violation), then the main pages at a phone's width (390 px): the
// menu behind a button that opens it, nothing wider than the screen, stacked tables with their labels.
const SALBERT_TITLE = 'Structuration commerciale d’une entreprise d’insertion';

let server: TestServer;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, context, page, problems } = s));

/** The demo's records the pages are about, read from the database the server runs on. */
async function demoIds() {
  const db = server.db;
  const idOf = async (q: Promise<{ id: string | number } | undefined>) => String((await q)!.id);
  const belfort = await idOf(db('accompaniments').where({ title: BELFORT_TITLE }).first('id'));
  const salbert = await idOf(db('accompaniments').where({ title: SALBERT_TITLE }).first('id'));
  const intermed = await idOf(db('organisations').where({ name: 'Intermed' }).first('id'));
  const coorace = await idOf(db('organisations').where({ kind: 'provider' }).whereLike('name', 'COORACE%').first('id'));
  return {
    belfort,
    salbert,
    coorace,
    session: await idOf(db('sessions').where({ accompaniment_id: belfort }).orderBy('id').first('id')),
    pathway: await idOf(db('pathways').where({ organisation_id: intermed }).first('id')),
    meeting: await idOf(db('support_committee_meetings').orderBy('id').first('id')),
    report: await idOf(db('progress_reports').where({ accompaniment_id: belfort }).first('id')),
    handoff: await idOf(db('handoffs').where({ accompaniment_id: belfort }).first('id')),
  };
}
type Ids = Awaited<ReturnType<typeof demoIds>>;

const caseTabs = (id: string) => TABS.map((t) => tabUrl(id, t));

/** Every main page of each role (issue 21's list), by demo account. */
const MAIN_PAGES: [string, (ids: Ids) => string[]][] = [
  [
    'coordination@jalons.test',
    (ids) => [
      '/',
      '/accompaniments',
      ...caseTabs(ids.belfort),
      ...caseTabs(ids.salbert),
      `/accompaniments/${ids.belfort}/timeline`,
      `/sessions/${ids.session}`,
      `/reports/${ids.report}`,
      '/intake',
      '/pathways',
      `/pathways/${ids.pathway}`,
      '/support-committee',
      `/support-committee/meetings/${ids.meeting}`,
      '/indicators',
      '/indicators/pathways',
      '/structures',
      '/providers',
      '/annual-report',
      '/account/calendar',
    ],
  ],
  ['direction@jalons.test', () => ['/', '/envelopes', '/accompaniments', '/indicators', '/providers']],
  [
    'prestataire@jalons.test',
    (ids) => ['/', ...caseTabs(ids.belfort), ...caseTabs(ids.salbert), `/providers/${ids.coorace}`],
  ],
  ['structure@jalons.test', (ids) => ['/', ...caseTabs(ids.belfort), `/pathways/${ids.pathway}`]],
  [
    'financeur@jalons.test',
    (ids) => ['/', '/portal', `/portal/accompaniments/${ids.belfort}`, '/envelopes', '/indicators'],
  ],
  ['relais@jalons.test', (ids) => ['/', `/handoffs/${ids.handoff}`, `/pathways/${ids.pathway}`]],
  [
    'admin@jalons.test',
    () => ['/', '/settings/lists', '/settings/operator', '/users', '/organisations', '/outbox', '/audit'],
  ],
];

/** Opens a page and answers its path if it is not a 200 (so a wrong address fails loudly, not silently). */
async function open(p: Page, url: string) {
  const response = await p.goto(`${server.baseUrl}${url}`);
  return response?.status() === 200 ? null : `${url}: HTTP ${response?.status()}`;
}

describe('axe-core on every main page of every role', () => {
  it.each(MAIN_PAGES.map(([email, pages]) => [email, pages] as const))(
    '%s: no serious or critical violation',
    async (email, pages) => {
      const ids = await demoIds();
      await logIn(page, server.baseUrl, email);
      const found: string[] = [];
      for (const url of pages(ids)) {
        const failed = await open(page, url);
        if (failed) found.push(failed);
        else found.push(...describeViolations(`${email} ${url}`, await axeViolations(page)));
      }
      expect(found).toEqual([]);
      expect(problems.all()).toEqual([]);
    },
    240_000,
  );
});

/** What a phone shows of the page: its width, the menu, the stacked tables' labels. */
async function phoneReport(p: Page) {
  return p.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    // Cells of a stacked table (its header row hidden) that hold something but say no column name.
    const unlabelled: string[] = [];
    for (const table of document.querySelectorAll<HTMLTableElement>('main table')) {
      const head = table.tHead;
      if (!head || getComputedStyle(head).display !== 'none') continue;
      for (const cell of table.querySelectorAll<HTMLTableCellElement>('tbody td')) {
        if (!cell.textContent?.trim()) continue;
        // A row's first cell is its title (app.css sets it in bold) when it says no column name.
        if (cell === cell.parentElement?.firstElementChild && !cell.hasAttribute('data-label')) continue;
        const label = getComputedStyle(cell, '::before').content;
        if (!label || label === 'none' || label === '""' || label === 'normal') {
          unlabelled.push(`${table.id || table.className || 'table'} › ${cell.textContent.trim().slice(0, 30)}`);
        }
      }
    }
    // What sticks out to the right of the screen (the culprits of a horizontal scroll).
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 2 && e.getClientRects().length > 0)
      .filter((e) => !e.closest('.chart-scroll, .session-matrix__scroll'))
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`,
      );
    return { scrollWidth: scroller.scrollWidth, unlabelled: unlabelled.slice(0, 5), wide };
  });
}

describe('at a phone’s width (390 × 844)', () => {
  it.each(MAIN_PAGES.map(([email, pages]) => [email, pages] as const))(
    '%s: the menu opens from its button, nothing scrolls sideways, stacked tables keep their labels',
    async (email, pages) => {
      const ids = await demoIds();
      await page.setViewportSize({ width: 390, height: 844 });
      await logIn(page, server.baseUrl, email);
      const found: string[] = [];
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      for (const url of pages(ids)) {
        const failed = await open(page, url);
        if (failed) {
          found.push(failed);
          continue;
        }
        // The menu: hidden behind its button, which opens it and says so.
        const menu = page.getByRole('navigation', { name: 'Navigation principale' });
        const button = page.getByRole('button', { name: 'Menu' });
        if (!(await button.isVisible())) found.push(`${url}: no visible menu button`);
        else if (await menu.getByRole('link').first().isVisible())
          found.push(`${url}: the menu is open before its button is pressed`);
        else {
          await button.click();
          if ((await button.getAttribute('aria-expanded')) !== 'true')
            found.push(`${url}: the menu button does not say it is open`);
          if (!(await menu.getByRole('link').first().isVisible()))
            found.push(`${url}: the menu button does not open the menu`);
          await button.click();
        }
        const report = await phoneReport(page);
        if (report.scrollWidth > 392) found.push(`${url}: ${report.scrollWidth} px wide (${report.wide.join(', ')})`);
        for (const cell of report.unlabelled) found.push(`${url}: stacked cell without its column name: ${cell}`);
      }
      await page.goto(`${server.baseUrl}/`);
      await page.screenshot({
        path: path.join(RESULTS_DIR, `e2e-phone-${email.split('@')[0]}-home.png`),
        fullPage: true,
      });
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.screenshot({ path: path.join(RESULTS_DIR, `e2e-phone-${email.split('@')[0]}-menu.png`) });
      expect(found).toEqual([]);
      expect(problems.all()).toEqual([]);
    },
    240_000,
  );
});

describe('the checks themselves', () => {
  it('axe finds violations planted in a page, and the phone pass measures what a phone shows', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.evaluate(() => {
      const main = document.querySelector('main')!;
      main.insertAdjacentHTML('beforeend', '<button type="button"></button><img src="/assets/favicon.svg">');
    });
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['button-name', 'image-alt']));
    expect(describeViolations('/login', await axeViolations(page))[0]).toMatch(/^\/login: \S+ \[(serious|critical)\] /);
  });
});

describe('charts and long tabs on a phone', () => {
  it('every chart keeps legible text within the screen, and a tab of several sections lists them « Sur cette page »', async () => {
    const ids = await demoIds();
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, server.baseUrl, 'coordination@jalons.test');
    const found: string[] = [];
    let charts = 0;
    for (const url of [
      `/accompaniments/${ids.salbert}`,
      tabUrl(ids.belfort, 'delivery'),
      '/indicators',
      '/envelopes',
    ]) {
      await open(page, url);
      const seen = await page.evaluate(() =>
        [...document.querySelectorAll<SVGSVGElement>('main svg[role="img"]')].map((svg) => {
          const texts = [...svg.querySelectorAll('text')]
            .map((t) => t.getBoundingClientRect().height)
            .filter((h) => h > 0);
          const box = (svg.closest('.chart-scroll') ?? svg).getBoundingClientRect();
          return {
            name: svg.getAttribute('class') ?? 'svg',
            right: box.right,
            smallest: texts.length ? Math.min(...texts) : null,
            // Its words for who cannot see it: the title or label it is named by.
            named: Boolean(svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby')),
          };
        }),
      );
      charts += seen.length;
      for (const c of seen) {
        if (c.right > 390) found.push(`${url}: ${c.name} ends at ${Math.round(c.right)} px`);
        // A text box about 1.2 times its font: under 11 px the labels are too small to read.
        if (c.smallest !== null && c.smallest < 11)
          found.push(`${url}: ${c.name} text ${c.smallest.toFixed(1)} px high`);
        if (!c.named) found.push(`${url}: ${c.name} has no name`);
      }
      if (url === `/accompaniments/${ids.salbert}`) {
        fs.mkdirSync(RESULTS_DIR, { recursive: true });
        await page.locator('.phase-chart').screenshot({ path: path.join(RESULTS_DIR, 'e2e-phone-phase-chart.png') });
      }
    }
    expect(charts).toBeGreaterThan(5);
    expect(found).toEqual([]);

    // The delivery tab of the Salbert case: sessions, steering committee, working groups, each a link to its heading.
    await open(page, tabUrl(ids.salbert, 'delivery'));
    const onThisPage = page.getByRole('navigation', { name: 'Sur cette page' });
    const links = await onThisPage.getByRole('link').all();
    expect(links.length).toBeGreaterThan(1);
    for (const link of links) {
      const target = (await link.getAttribute('href'))!;
      expect(await page.locator(`${target}-title`).textContent()).toBe(await link.textContent());
    }
    await onThisPage.screenshot({ path: path.join(RESULTS_DIR, 'e2e-phone-on-this-page.png') });
    await links[links.length - 1].click();
    expect(new URL(page.url()).hash).toBe(await links[links.length - 1].getAttribute('href'));
    // The overview, one section besides the case's identity, has none.
    await open(page, tabUrl(ids.salbert, 'overview'));
    expect(await page.getByRole('navigation', { name: 'Sur cette page' }).count()).toBe(0);
    expect(problems.all()).toEqual([]);
  });
});

describe('a phone without JavaScript', () => {
  it('shows the whole menu with no button, and the main lists’ stacked cells still name their column', async () => {
    const noScript = await newContext(context.browser()!, {
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    try {
      const p = await noScript.newPage();
      await logIn(p, server.baseUrl, 'coordination@jalons.test');
      const menu = p.getByRole('navigation', { name: 'Navigation principale' });
      expect(await menu.getByRole('link', { name: 'Accompagnements' }).isVisible()).toBe(true);
      expect(await p.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
      // The portfolio, the intake list and a case's structures write their labels themselves.
      for (const url of ['/accompaniments', '/intake', `/accompaniments/${(await demoIds()).belfort}`]) {
        await p.goto(`${server.baseUrl}${url}`);
        const report = await phoneReport(p);
        expect([url, report.unlabelled]).toEqual([url, []]);
        expect(report.scrollWidth).toBeLessThanOrEqual(392);
      }
    } finally {
      await noScript.close();
    }
  });
});
