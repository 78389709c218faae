import type { BrowserContext, Page } from 'playwright-core';
import type { PageProblems } from '../support/browser';
import { clickAndLoad, logIn as logInAt, pathOf, useBrowserSuite } from '../support/browser-suite';
import type { TestServer } from '../support/server';

const COORDINATOR = 'coordination@jalons.test';
const RELAY = 'relais@jalons.test';
const TITLE = 'Mutualisation d’une fonction comptable entre deux chantiers';

let server: TestServer;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, context, page, problems } = s));

const flashText = (p: Page) => p.getByRole('status').allTextContents();
const plain = (s: string | null) =>
  (s ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Opens a part of the case as a user does: its link in the "Parties du dossier" nav. */
async function openTab(p: Page, label: string) {
  await clickAndLoad(p, 'link', label, p.getByRole('navigation', { name: 'Parties du dossier' }));
}

async function logInAs(email: string) {
  await context.clearCookies();
  await logInAt(page, server.baseUrl, email);
  expect(pathOf(page)).toBe('/');
}

/** A demo-operator case at close-out, with one structure (the demo's Belfort case is already handed off). */
async function closeOutCase() {
  const db = server.db;
  const mife = await db('organisations').where({ kind: 'operator' }).whereILike('name', 'MIFE 90%').first('id');
  const coordinator = await db('users').where({ email: COORDINATOR }).first('id');
  const structure = await db('organisations').where({ kind: 'structure', name: 'Intermed' }).first('id');
  const [{ id }] = await db('accompaniments')
    .insert({
      operator_id: mife.id,
      coordinator_id: coordinator.id,
      title: TITLE,
      kind: 'individual',
      state: 'close_out',
      intake_on: '2026-01-12',
      objectives: 'Partager un poste de comptable.',
    })
    .returning('id');
  await db('accompaniment_beneficiaries').insert({
    accompaniment_id: id,
    organisation_id: structure.id,
    status: 'active',
    joined_on: '2026-01-12',
  });
  await db('accompaniment_transitions').insert({
    accompaniment_id: id,
    from_state: 'delivery',
    to_state: 'close_out',
    on_date: '2026-06-30',
    actor_id: coordinator.id,
  });
  return String(id);
}

describe('a follow-up handed to the regional relay, in a real browser', () => {
  it('the coordinator hands the case off, the relay opens the package and acknowledges, the coordinator sees it', async () => {
    const accId = await closeOutCase();

    // 1. The coordinator fills the handoff form from the case's close-out tab.
    await logInAs(COORDINATOR);
    await page.goto(`${server.baseUrl}/accompaniments/${accId}`);
    await openTab(page, 'Clôture et suites');
    expect(new URL(page.url()).search).toBe('?tab=closing');
    await clickAndLoad(
      page,
      'link',
      'Passer le relais du suivi',
      page.getByRole('region', { name: 'Passage de relais' }),
    );
    expect(pathOf(page)).toBe(`/accompaniments/${accId}/handoff`);
    expect(await page.getByLabel('Synthèse').inputValue()).toContain('Partager un poste de comptable.');
    await page.getByLabel(/^Relais/).selectOption({ label: 'COORACE – délégation régionale' });
    await page.getByRole('checkbox', { name: 'Karim Benali' }).check();
    await page.getByLabel('Comité de direction').fill('Les deux présidents et la comptable partagée.');
    await page.getByLabel('Chantiers à poursuivre').fill('Logiciel comptable commun\nConvention de mise à disposition');
    await page.locator('#field-key_date_on_0').fill('2027-01-01');
    await page.locator('#field-key_date_label_0').fill('Poste partagé à plein temps');
    await clickAndLoad(page, 'button', 'Passer le relais');
    expect(pathOf(page)).toMatch(/^\/handoffs\/[1-9]\d*$/);
    const packagePath = pathOf(page);
    expect((await flashText(page)).join(' ')).toContain('Suivi confié à COORACE – délégation régionale');
    expect(plain(await page.locator('main').textContent())).toContain('En attente d’accusé de réception');

    // 2. The relay finds it on its home page, opens the package and acknowledges receipt.
    await logInAs(RELAY);
    const panel = page.getByRole('region', { name: 'Accompagnements confiés à votre réseau' });
    await clickAndLoad(page, 'link', TITLE, panel);
    expect(pathOf(page)).toBe(packagePath);
    const text = plain(await page.locator('main').textContent());
    expect(text).toContain('Intermed');
    expect(text).toContain('Poste partagé à plein temps');
    expect(text).toContain('Convention de mise à disposition');
    await clickAndLoad(page, 'button', 'Accuser réception du dossier');
    expect((await flashText(page)).join(' ')).toContain('Réception du dossier confirmée');

    // 3. The coordinator sees it acknowledged on the case's close-out tab.
    await logInAs(COORDINATOR);
    await page.goto(`${server.baseUrl}/accompaniments/${accId}`);
    await openTab(page, 'Clôture et suites');
    const section = plain(await page.getByRole('region', { name: 'Passage de relais' }).textContent());
    expect(section).toContain('Réception accusée le');
    expect(section).toContain('Karim Benali');

    expect((await server.db('accompaniments').where({ id: accId }).first('state')).state).toBe('follow_up');
    expect(problems.all()).toEqual([]);
  });
});
