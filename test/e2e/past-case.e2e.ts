import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatDate } from '../../src/platform/i18n';
import { localToday } from '../../src/platform/dates';
import type { PageProblems } from '../support/browser';
import { clickAndLoad, logIn, pathOf, RESULTS_DIR, useBrowserSuite } from '../support/browser-suite';
import type { TestServer } from '../support/server';
import { favourableOpinion } from '../factories/support-committee';

// A coordinator records in December 2026 a case that began in September 2015: the intake, each
// move and each validation get the day they happened, and the timeline reads them in order.
const COORDINATOR = 'coordination@jalons.test';

let server: TestServer;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, page, problems } = s));

const stateOf = (p: Page) => p.locator('.lifecycle .state');
const flashText = (p: Page) => p.getByRole('status').allTextContents();
const lifecycle = (p: Page) => p.locator('.lifecycle');

describe('a past case recorded through the screens', () => {
  it('keeps the real dates of 2015 and shows them in order on the timeline, each « saisi le » today', async () => {
    const title = 'Appui à la mutualisation — dossier de 2015 saisi après coup';
    await logIn(page, server.baseUrl, COORDINATOR);

    // 1. The case, received on 1 September 2015.
    await clickAndLoad(page, 'link', 'Accompagnements');
    await clickAndLoad(page, 'link', 'Nouvel accompagnement');
    await page.getByLabel('Intitulé').fill(title);
    await page.getByRole('radio', { name: 'Individuel' }).check();
    await page.getByRole('checkbox', { name: 'Chacasol' }).check();
    await page.getByLabel('Date d’accueil').fill('2015-09-01');
    await clickAndLoad(page, 'button', 'Enregistrer');
    expect(pathOf(page)).toMatch(/^\/accompaniments\/[1-9]\d*$/);
    const accPath = pathOf(page);
    expect(await stateOf(page).textContent()).toBe('Accueil');

    // 2. To the diagnostic: the button opens the short form, dated today unless the user says
    // otherwise; a day before the intake is refused next to the date, the input kept.
    await clickAndLoad(page, 'link', 'Passer au diagnostic partagé', lifecycle(page));
    expect(pathOf(page)).toBe(`${accPath}/transitions/new`);
    expect(await page.locator('#field-on_date').inputValue()).toBe(localToday());
    await page.locator('#field-on_date').fill('2015-08-20');
    await page.getByLabel('Commentaire (facultatif)').fill('Premier rendez-vous avec la direction.');
    await clickAndLoad(page, 'button', 'Passer au diagnostic partagé');
    expect(await page.locator('#field-on_date-error').textContent()).toBe(
      'Cette date précède l’accueil du 1er septembre 2015.',
    );
    expect(await page.locator('#field-on_date').inputValue()).toBe('2015-08-20');
    expect(await page.getByLabel('Commentaire (facultatif)').inputValue()).toBe(
      'Premier rendez-vous avec la direction.',
    );
    await page.locator('#field-on_date').fill('2015-09-10');
    await clickAndLoad(page, 'button', 'Passer au diagnostic partagé');
    expect(pathOf(page)).toBe(accPath);
    expect(await stateOf(page).textContent()).toBe('Diagnostic partagé');
    expect(await flashText(page)).toContain('L’accompagnement est passé à l’état « Diagnostic partagé ».');

    // 3. The diagnostic written in October 2015 and validated by the structure on 15 October.
    await clickAndLoad(
      page,
      'link',
      'Diagnostic et cadrage',
      page.getByRole('navigation', { name: 'Parties du dossier' }),
    );
    await clickAndLoad(page, 'link', 'Rédiger le diagnostic');
    await page.getByLabel('Constats').fill('Fonctions support fragiles.');
    await page.getByLabel('Rédigé le').fill('2015-10-01');
    await page.getByLabel('Thème n° 1', { exact: true }).fill('Comptabilité');
    await clickAndLoad(page, 'button', 'Enregistrer');
    const diagnostic = page.getByRole('region', { name: 'Diagnostic partagé' });
    await diagnostic.getByLabel('Date de validation').fill('2015-10-15');
    await diagnostic.getByLabel('Nom du ou de la signataire').fill('Gérard Faivre');
    await clickAndLoad(page, 'button', 'Enregistrer la validation');

    // The comité d'appui's favourable opinion of 15 October 2015 (its screens: test/support-committee).
    await favourableOpinion(server.db, String((await server.db('accompaniments').where({ title }).first('id')).id), {
      on: '2015-10-15',
    });
    // 4. The consultation launched on 16 October 2015; a day before the previous move is refused first.
    await clickAndLoad(page, 'link', 'Lancer la mise en concurrence', lifecycle(page));
    await page.locator('#field-on_date').fill('2015-09-05');
    await clickAndLoad(page, 'button', 'Lancer la mise en concurrence');
    expect(await page.locator('#field-on_date-error').textContent()).toBe(
      'Cette date précède le dernier changement d’état, daté du 10 septembre 2015.',
    );
    await page.locator('#field-on_date').fill('2015-10-16');
    await clickAndLoad(page, 'button', 'Lancer la mise en concurrence');
    expect(await stateOf(page).textContent()).toBe('Mise en concurrence');

    // 5. The timeline: the days of 2015 in order, each recorded today. (The comité d'appui's opinion on
    // Chacasol's parcours, recorded by the demo, shows there too; it is not this test's to check.)
    await clickAndLoad(page, 'link', 'Chronologie');
    const entries = (await page.locator('.timeline__entry').allInnerTexts())
      .map((e) => e.replace(/\s+/g, ' ').trim())
      .filter((e) => !e.includes('Comité d’appui'));
    const recorded = `(saisi le ${formatDate('fr', localToday())})`;
    const expected: [string, string][] = [
      ['1er septembre 2015', 'Accompagnement ouvert à l’état « Accueil »'],
      ['1er septembre 2015', 'Chacasol rejoint l’accompagnement'],
      ['10 septembre 2015', 'Passage de « Accueil » à « Diagnostic partagé »'],
      ['15 octobre 2015', 'Diagnostic partagé validé par Chacasol (Gérard Faivre)'],
      ['16 octobre 2015', 'Passage de « Diagnostic partagé » à « Mise en concurrence »'],
    ];
    expect(entries).toHaveLength(expected.length);
    expected.forEach(([day, text], i) => {
      expect(entries[i].startsWith(`${day} ${recorded}`)).toBe(true);
      expect(entries[i]).toContain(text);
    });
    expect(entries[2]).toContain('Premier rendez-vous avec la direction.');
    const times = await page
      .locator('.timeline__entry time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    // The comité d'appui's opinion (15 October 2015) is among them, in its place.
    expect(times).toEqual(['2015-09-01', '2015-09-01', '2015-09-10', '2015-10-15', '2015-10-15', '2015-10-16']);

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'past-case-timeline.png'), fullPage: true });

    // What was stored: the days typed, the timestamps of today.
    const acc = await server.db('accompaniments').where({ title }).first('id', 'intake_on', 'diagnosed_on');
    expect(acc).toMatchObject({ intake_on: '2015-09-01', diagnosed_on: '2015-10-16' });
    const log = await server
      .db('accompaniment_transitions')
      .where({ accompaniment_id: acc.id })
      .orderBy('id')
      .select('to_state', 'on_date');
    expect(log).toEqual([
      { to_state: 'intake', on_date: '2015-09-01' },
      { to_state: 'diagnostic', on_date: '2015-09-10' },
      { to_state: 'consultation', on_date: '2015-10-16' },
    ]);

    // Refused forms answer 422 on purpose, which the browser logs: those, and only those, are expected.
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(
      problems.consoleErrors.filter((m) => !(m.includes('status of 422') && m.includes(`${accPath}/transitions`))),
    ).toEqual([]);
  });
});
