import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { localToday } from '../../src/platform/dates';
import type { PageProblems } from '../support/browser';
import { clickAndLoad, logIn, pathOf, RESULTS_DIR, useBrowserSuite } from '../support/browser-suite';
import type { TestServer } from '../support/server';

// A coordinator walks a structure's DLA parcours through the screens, as issue 19 tells it: the
// request received at the accueil (a structure new to the directory), the diagnostic it opens, the
// comité d'appui's favourable opinion, the consultancy, an orientation towards France Active and
// the 6-month follow-up; the parcours page then reads them in order on its timeline.
const COORDINATOR = 'coordination@jalons.test';
const STRUCTURE = 'Ressourcerie du Mont Vaudois';
const CASE_TITLE = 'Structurer le modèle économique de la ressourcerie';

let server: TestServer;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, page, problems } = s));

const flashText = (p: Page) => p.getByRole('status').allTextContents();
const mainNav = (p: Page) => p.getByRole('navigation', { name: 'Navigation principale' });
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('a structure’s parcours walked through the screens', () => {
  it('goes from the request to the follow-up, and the parcours timeline reads each step in order', async () => {
    await logIn(page, server.baseUrl, COORDINATOR);

    // 1. The accueil: a request from a structure new to the directory, received by e-mail.
    await clickAndLoad(page, 'link', 'Accueil des demandes', mainNav(page));
    await clickAndLoad(page, 'link', 'Enregistrer une demande');
    expect(pathOf(page)).toBe('/intake/new');
    await page.getByRole('radio', { name: 'Nouvelle structure' }).check();
    await page.getByLabel('Nom de la nouvelle structure').fill(STRUCTURE);
    await page.getByLabel('Personne à contacter').fill('Agnès Perrin');
    await page.getByLabel('Sa fonction').fill('directrice');
    await page.getByLabel('Canal').selectOption({ label: 'E-mail' });
    const need = 'Le modèle économique ne tient plus depuis la fin d’un contrat aidé ; besoin d’un regard extérieur.';
    await page.getByLabel('Besoin exprimé').fill(need);
    const eligibility = page.getByRole('group', { name: 'Éligibilité' });
    const ticks = eligibility.getByRole('checkbox');
    expect(await ticks.count()).toBeGreaterThanOrEqual(2);
    await ticks.nth(0).check();
    await ticks.nth(1).check();
    // The operator's own criteria (or the default checklist): the first two, as the labels read them.
    const labelOf = async (i: number) => squash((await ticks.nth(i).locator('xpath=..').textContent()) ?? '');
    const ticked = [await labelOf(0), await labelOf(1)];
    expect(ticked.every((c) => c.length > 0)).toBe(true);

    // A request dated in the future is refused next to the date, everything typed kept.
    const nextYear = `${Number(localToday().slice(0, 4)) + 1}-01-15`;
    await page.getByLabel('Reçue le').fill(nextYear);
    await clickAndLoad(page, 'button', 'Enregistrer la demande');
    expect(await page.locator('#field-received_on-error').textContent()).toBe(
      'Cette date est dans le futur : saisissez le jour où c’est arrivé (aujourd’hui au plus tard).',
    );
    expect(await page.getByLabel('Reçue le').inputValue()).toBe(nextYear);
    expect(await page.getByLabel('Nom de la nouvelle structure').inputValue()).toBe(STRUCTURE);
    expect(await page.getByRole('radio', { name: 'Nouvelle structure' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Besoin exprimé').inputValue()).toBe(need);
    expect(await ticks.nth(0).isChecked()).toBe(true);
    expect(await ticks.nth(1).isChecked()).toBe(true);
    expect(await server.db('organisations').where({ name: STRUCTURE }).first('id')).toBeUndefined();

    await page.getByLabel('Reçue le').fill('2025-09-01');
    await clickAndLoad(page, 'button', 'Enregistrer la demande');
    expect(pathOf(page)).toMatch(/^\/intake\/[1-9]\d*$/);
    expect(await flashText(page)).toContain('La demande est enregistrée.');
    const eligibilityCard = page.getByRole('region', { name: 'Éligibilité' });
    for (const c of ticked) expect(await eligibilityCard.textContent()).toContain(c);

    // 2. The outcome « diagnostic » opens the structure's parcours.
    await page.getByRole('radio', { name: /^Ouvrir le diagnostic partagé/ }).check();
    await page.getByLabel('Décidée le').fill('2025-09-08');
    await clickAndLoad(page, 'button', 'Enregistrer la suite donnée');
    expect(pathOf(page)).toMatch(/^\/pathways\/[1-9]\d*$/);
    const pathwayPath = pathOf(page);
    expect(await flashText(page)).toContain('Le diagnostic est ouvert : voici le parcours de la structure.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(STRUCTURE);

    // 3. The parcours diagnostic, written on 22 September 2025.
    await clickAndLoad(page, 'link', 'Rédiger le diagnostic');
    await page.getByRole('radio', { name: 'Un diagnostic propre à la structure' }).check();
    await page.getByLabel('Date du diagnostic').fill('2025-09-22');
    await page.getByLabel('Constat').fill('Activité en croissance, fonds propres faibles, tarification à revoir.');
    await page.getByLabel('Préconisations').fill('Un accompagnement sur le modèle économique ; France Active.');
    await clickAndLoad(page, 'button', 'Enregistrer le diagnostic');
    expect(pathOf(page)).toBe(pathwayPath);
    expect(await flashText(page)).toContain('Le diagnostic est enregistré.');

    // 4. The comité d'appui of 7 October 2025: the meeting, the parcours on its agenda, held, a favourable opinion.
    await clickAndLoad(page, 'link', 'Comité d’appui', mainNav(page));
    await clickAndLoad(page, 'link', 'Prévoir une séance');
    await page.getByLabel('Date de la séance').fill('2025-10-07');
    await page.getByLabel('Lieu').fill('Maison de la vie associative');
    await clickAndLoad(page, 'button', 'Prévoir la séance');
    expect(pathOf(page)).toMatch(/^\/support-committee\/meetings\/[1-9]\d*$/);
    await clickAndLoad(page, 'link', 'Ajouter un point à l’ordre du jour');
    await page.getByLabel('Parcours (structure)').selectOption({ label: STRUCTURE });
    await page.getByLabel('Objet').selectOption({ label: 'Diagnostic' });
    await page.getByLabel('Résumé pour le comité').fill('Ressourcerie de 9 salarié·es, modèle économique à revoir.');
    await clickAndLoad(page, 'button', 'Ajouter à l’ordre du jour');
    expect(await flashText(page)).toContain('Le point est ajouté à l’ordre du jour.');
    await clickAndLoad(page, 'link', 'Déclarer la séance tenue');
    await page.getByLabel('Jour où la séance s’est tenue').fill('2025-10-07');
    await clickAndLoad(page, 'button', 'Déclarer la séance tenue');
    expect(await flashText(page)).toContain('La séance est tenue : enregistrez l’avis du comité sur chaque point.');
    await clickAndLoad(page, 'link', 'Enregistrer l’avis');
    await page.getByLabel(/^Avis\b/).selectOption({ label: 'Favorable' });
    await page.getByLabel('Date de l’avis').fill('2025-10-07');
    await clickAndLoad(page, 'button', 'Enregistrer l’avis');
    expect((await flashText(page)).join(' ')).toContain('est enregistré');
    const agenda = page.getByRole('region', { name: 'Ordre du jour' });
    expect(squash((await agenda.textContent()) ?? '')).toContain('Favorable rendu le 7 octobre 2025');

    // 5. The consultancy, created from the parcours: it joins the parcours as its consultancy action.
    await clickAndLoad(page, 'link', STRUCTURE, agenda);
    expect(pathOf(page)).toBe(pathwayPath);
    await clickAndLoad(page, 'link', 'Créer l’accompagnement');
    expect(pathOf(page)).toBe('/accompaniments/new');
    expect(await page.getByRole('checkbox', { name: new RegExp(`^${STRUCTURE}`) }).isChecked()).toBe(true);
    await page.getByLabel('Intitulé').fill(CASE_TITLE);
    await page.getByRole('radio', { name: 'Individuel' }).check();
    await page.getByLabel('Date d’accueil').fill('2025-10-15');
    await page.getByLabel('Début prévu').fill('2026-01-12');
    await clickAndLoad(page, 'button', 'Enregistrer');
    expect(pathOf(page)).toMatch(/^\/accompaniments\/[1-9]\d*$/);
    await page.goto(`${server.baseUrl}${pathwayPath}`);
    const actions = page.getByRole('table', { name: 'Plan et actions' });
    const caseRow = actions.getByRole('row').filter({ hasText: CASE_TITLE });
    expect(await caseRow.getByRole('cell').first().textContent()).toBe('Accompagnement');
    expect(squash((await caseRow.textContent()) ?? '')).toContain('prévue le 12 janvier 2026 Planifiée');
    expect(await caseRow.getByRole('link', { name: CASE_TITLE }).getAttribute('href')).toMatch(
      /^\/accompaniments\/[1-9]\d*$/,
    );

    // 6. An orientation towards France Active, on 4 November 2025.
    await clickAndLoad(page, 'link', 'Noter une action réalisée');
    await clickAndLoad(page, 'link', 'Orientation', page.getByRole('navigation', { name: 'Type d’action' }));
    await page.getByLabel('Partenaire').fill('France Active');
    await page.getByLabel(/^Date\b(?! du| de)/).fill('2025-11-04');
    await page.getByLabel('Notes').fill('Pour un prêt d’honneur et un apport en fonds propres.');
    await clickAndLoad(page, 'button', 'Enregistrer l’action');
    expect(pathOf(page)).toBe(pathwayPath);
    expect(await flashText(page)).toContain('L’action est enregistrée.');
    const orientationRow = actions.getByRole('row').filter({ hasText: 'France Active' });
    expect(await orientationRow.getByRole('cell').first().textContent()).toBe('Orientation');

    // 7. The follow-up 6 months after the orientation, held on 6 May 2026.
    const followUp = page.getByRole('region', { name: 'Points de suivi' });
    expect(squash((await followUp.textContent()) ?? '')).toContain('À 6 mois : dû le 4 mai 2026');
    await clickAndLoad(page, 'link', 'Noter ce point de suivi', followUp.getByRole('listitem').first());
    await page.getByLabel('Date du point').fill('2026-05-06');
    await page.getByLabel('Salarié·es à cette date').fill('10');
    await page.getByLabel('Dont salarié·es en insertion').fill('6');
    await clickAndLoad(page, 'button', 'Enregistrer le point de suivi');
    expect(pathOf(page)).toBe(pathwayPath);
    expect(await flashText(page)).toContain('Le point de suivi est enregistré.');
    expect(squash((await followUp.textContent()) ?? '')).toContain(
      'À 6 mois : fait le 6 mai 2026 — 10 salarié·es dont 6 en insertion',
    );

    // 8. The timeline: each step on its day, in order.
    const timeline = page.getByRole('region', { name: 'Chronologie du parcours' });
    const entries = (await timeline.locator('.timeline__entry').allInnerTexts()).map(squash);
    const expected: [string, string, string][] = [
      ['2025-09-01', '1er septembre 2025', 'Demande reçue (E-mail)'],
      ['2025-09-08', '8 septembre 2025', 'Ouverture du parcours'],
      ['2025-09-22', '22 septembre 2025', 'Diagnostic partagé'],
      ['2025-10-07', '7 octobre 2025', 'Comité d’appui : diagnostic'],
      ['2025-11-04', '4 novembre 2025', 'Orientation'],
      ['2026-01-12', '12 janvier 2026', 'Accompagnement'],
      ['2026-05-06', '6 mai 2026', 'Point de suivi à 6 mois'],
    ];
    expected.forEach(([, day, text], i) => expect(entries[i]).toContain(`${day} ${text}`));
    expect(entries[0]).toContain(need);
    expect(entries[3]).toContain('Avis favorable');
    expect(entries[4]).toContain('Réalisée France Active');
    // The consultancy, not begun yet, shows on its planned start.
    expect(entries[5]).toContain(`Planifiée ${CASE_TITLE}`);
    // The later checkpoints, still due, come after.
    expect(entries.slice(expected.length).every((e) => /Point de suivi à \d+ mois \(dû\)/.test(e))).toBe(true);
    const times = await timeline
      .locator('.timeline__entry time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    expect(times.slice(0, expected.length)).toEqual(expected.map(([iso]) => iso));

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'pathway-timeline.png'), fullPage: true });

    // What was stored: one parcours for the new structure, from its request, with its actions and checkpoint.
    const org = await server.db('organisations').where({ name: STRUCTURE }).first('id');
    const pathway = await server.db('pathways').where({ organisation_id: org.id }).first();
    expect(`/pathways/${pathway.id}`).toBe(pathwayPath);
    expect(pathway).toMatchObject({ opened_on: '2025-09-08', diagnosed_on: '2025-09-22', status: 'open' });
    const kinds = await server
      .db('pathway_actions')
      .where({ pathway_id: pathway.id })
      .orderBy('id')
      .select('kind', 'status', 'partner');
    expect(kinds).toEqual([
      expect.objectContaining({ kind: 'consultancy' }),
      { kind: 'orientation', status: 'done', partner: 'France Active' },
    ]);
    const request = await server.db('intake_requests').where({ organisation_id: org.id }).first();
    expect(request).toMatchObject({ received_on: '2025-09-01', status: 'diagnostic', channel: 'email' });

    // The refused request answered 422 on purpose, which the browser logs: that, and only that, is expected.
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((m) => !m.includes('status of 422'))).toEqual([]);
  });
});
