import type { Page } from 'playwright-core';
import { BELFORT_TITLE } from '../../seeds/belfort';
import type { PageProblems } from '../support/browser';
import { clickAndLoad, logIn, pathOf, useBrowserSuite } from '../support/browser-suite';
import type { TestServer } from '../support/server';

let server: TestServer;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, page, problems } = s));

describe('a follow-up checkpoint, in a real browser', () => {
  it('the relay opens a due checkpoint from its home page, records it and sees it done', async () => {
    // 1. The relay logs in: its home page lists the Belfort checkpoints left to record.
    await logIn(page, server.baseUrl, 'relais@jalons.test');
    expect(pathOf(page)).toBe('/');
    const panel = page.getByRole('region', { name: 'Points de suivi à saisir' });
    await clickAndLoad(page, 'link', `${BELFORT_TITLE} — À 12 mois`, panel);
    expect(pathOf(page)).toMatch(/^\/checkpoints\/[1-9]\d*$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Point de suivi à 12 mois');

    // 2. The open actions come prefilled; the relay rates the four criteria and gives the figures.
    await page.getByRole('combobox', { name: 'Évolution — Emploi' }).selectOption({ label: 'Stable' });
    await page
      .getByRole('combobox', { name: 'Évolution — Santé économique' })
      .selectOption({ label: 'En amélioration' });
    await page
      .getByRole('combobox', { name: 'Évolution — Vision stratégique' })
      .selectOption({ label: 'En amélioration' });
    await page
      .getByRole('combobox', { name: 'Évolution — Partenariats locaux' })
      .selectOption({ label: 'Ne sait pas' });
    await page.getByLabel('Salariés (total)').fill('270');
    await page.getByLabel('Dont salariés en insertion').fill('256');
    await page.getByLabel('Notes').fill('GES en place au 1er janvier 2018 comme prévu.');
    await clickAndLoad(page, 'button', 'Enregistrer le point de suivi');

    // 3. Back on the follow-up list: the 12-month checkpoint is done.
    expect(pathOf(page)).toMatch(/^\/accompaniments\/[1-9]\d*\/follow-up$/);
    expect(await page.getByRole('status').allTextContents()).toContain('Point de suivi enregistré.');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'À 12 mois' }) });
    await expect(row.getByText('Saisi', { exact: true }).count()).resolves.toBe(1);

    // 4. And no longer to record on the home page.
    await page.goto(`${server.baseUrl}/`);
    await expect(page.getByRole('link', { name: `${BELFORT_TITLE} — À 12 mois` }).count()).resolves.toBe(0);

    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });
});
