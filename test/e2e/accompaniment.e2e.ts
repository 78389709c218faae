import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { PageProblems } from '../support/browser';
import { clickAndLoad, logIn as logInAt, pathOf, RESULTS_DIR, useBrowserSuite } from '../support/browser-suite';
import type { TestServer } from '../support/server';
import { favourableOpinion } from '../factories/support-committee';

const COORDINATOR = 'coordination@jalons.test';

let server: TestServer;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, page, problems } = s), { acceptDialogs: true });

const h1 = (p: Page) => p.getByRole('heading', { level: 1 });
const stateOf = (p: Page) => p.locator('.lifecycle .state');
const flashText = (p: Page) => p.getByRole('status').allTextContents();
/** Where the page is: path and query (the tab of the case), without the fragment. */
const where = (p: Page) => {
  const u = new URL(p.url());
  return u.pathname + u.search;
};

/** Opens a part of the case as a user does: its link in the "Parties du dossier" nav. */
async function openTab(p: Page, label: string) {
  await clickAndLoad(p, 'link', label, p.getByRole('navigation', { name: 'Parties du dossier' }));
}

async function logIn(p: Page, email: string) {
  await logInAt(p, server.baseUrl, email);
  expect(pathOf(p)).toBe('/');
}

type NewStructure = {
  name: string;
  legalForm: string;
  siae: string;
  department: string;
  employees: string;
  insertion: string;
};

/** Structures → Nouvelle structure → fill by labels → Enregistrer; lands on the structure's page. */
async function createStructure(p: Page, s: NewStructure) {
  await clickAndLoad(p, 'link', 'Structures');
  await clickAndLoad(p, 'link', 'Nouvelle structure');
  expect(pathOf(p)).toBe('/structures/new');
  // Its label ends with a decorative "*" (aria-hidden): found by accessible name.
  await p.getByRole('textbox', { name: 'Nom', exact: true }).fill(s.name);
  await p.getByLabel('Forme juridique').selectOption({ label: s.legalForm });
  await p.getByLabel('Département').fill(s.department);
  await p.getByLabel('Type de SIAE').selectOption({ label: s.siae });
  await p.getByLabel('Nombre de salariés').fill(s.employees);
  await p.getByLabel('Dont salariés en insertion').fill(s.insertion);
  await clickAndLoad(p, 'button', 'Enregistrer');
  expect(pathOf(p)).toMatch(/^\/structures\/[1-9]\d*$/);
  expect(await h1(p).textContent()).toBe(s.name);
  expect(await flashText(p)).toContain(`La structure « ${s.name} » est enregistrée.`);
}

describe('an accompaniment from intake to consultation, in a real browser', () => {
  it('creates structures and a collective case, writes and validates the diagnostic, then launches the consultation', async () => {
    const regie: NewStructure = {
      name: 'Régie de quartier Test',
      legalForm: 'Association loi 1901',
      siae: 'ACI',
      department: '90',
      employees: '20',
      insertion: '15',
    };
    const velo: NewStructure = {
      name: 'Atelier Vélo Test',
      legalForm: 'SCIC',
      siae: 'EI',
      department: '90',
      employees: '8',
      insertion: '6',
    };
    const title = 'Mutualisation des fonctions support — test navigateur';

    // 1. The coordinator logs in.
    await logIn(page, COORDINATOR);

    // 2. Two new structures.
    await createStructure(page, regie);
    await createStructure(page, velo);

    // 3. A new collective accompaniment for both.
    await clickAndLoad(page, 'link', 'Accompagnements');
    await clickAndLoad(page, 'link', 'Nouvel accompagnement');
    expect(pathOf(page)).toBe('/accompaniments/new');
    await page.getByLabel('Intitulé').fill(title);
    await page.getByRole('radio', { name: 'Collectif' }).check();
    await page.getByRole('checkbox', { name: regie.name }).check();
    await page.getByRole('checkbox', { name: velo.name }).check();
    await page.getByLabel('Date d’accueil').fill('2025-09-01');
    await page.getByLabel('Jours d’intervention prévus').fill('5');
    await page.getByLabel('Budget (€)').fill('5 000');
    await clickAndLoad(page, 'button', 'Enregistrer');

    expect(pathOf(page)).toMatch(/^\/accompaniments\/[1-9]\d*$/);
    const accPath = pathOf(page);
    expect(await h1(page).textContent()).toBe(title);
    expect(await stateOf(page).textContent()).toBe('Accueil');
    expect(await flashText(page)).toContain('L’accompagnement est enregistré, à l’état « Accueil ».');
    const beneficiaries = page.getByRole('region', { name: 'Structures accompagnées' });
    await beneficiaries.getByRole('link', { name: regie.name, exact: true }).waitFor();
    await beneficiaries.getByRole('link', { name: velo.name, exact: true }).waitFor();

    // 4. To the shared diagnostic: the button opens the move's short form (dated today), sent as is.
    await clickAndLoad(page, 'link', 'Passer au diagnostic partagé');
    expect(pathOf(page)).toBe(`${accPath}/transitions/new`);
    await clickAndLoad(page, 'button', 'Passer au diagnostic partagé');
    expect(pathOf(page)).toBe(accPath);
    expect(await stateOf(page).textContent()).toBe('Diagnostic partagé');
    expect(await flashText(page)).toContain('L’accompagnement est passé à l’état « Diagnostic partagé ».');

    // 5. Write the diagnostic through its edit screen, from the tab that holds it.
    await openTab(page, 'Diagnostic et cadrage');
    expect(where(page)).toBe(`${accPath}?tab=framing`);
    await clickAndLoad(page, 'link', 'Rédiger le diagnostic');
    expect(pathOf(page)).toBe(`${accPath}/diagnostic/edit`);
    await page
      .getByLabel('Constats')
      .fill(
        'Deux structures du même quartier aux fonctions support fragiles.\n- comptabilité tenue en retard\n- pas de politique d’achats',
      );
    await page.getByLabel('Contexte').fill('Financements publics en baisse ; locaux partagés depuis 2020.');
    await page.getByLabel('Préconisations').fill('Mutualiser la comptabilité et les achats.');
    await page.getByLabel('Jours de diagnostic').fill('2,5');
    await page.getByLabel('Rédigé le').fill('2025-10-01');
    await page.getByLabel('Thème n° 1', { exact: true }).fill('Comptabilité');
    await page
      .getByLabel('Objectif visé n° 1', { exact: true })
      .fill('Un service comptable commun aux deux structures.');
    await page.getByLabel('Thème n° 2', { exact: true }).fill('Achats');
    await page.getByLabel('Objectif visé n° 2', { exact: true }).fill('Une centrale d’achats partagée.');
    await clickAndLoad(page, 'button', 'Enregistrer');
    expect(where(page)).toBe(`${accPath}?tab=framing`);
    expect(new URL(page.url()).hash).toBe('#diagnostic');
    expect(await flashText(page)).toContain('Diagnostic enregistré.');
    const diagnostic = page.getByRole('region', { name: 'Diagnostic partagé' });
    await diagnostic.getByRole('rowheader', { name: 'Comptabilité' }).waitFor();
    await diagnostic.getByRole('rowheader', { name: 'Achats' }).waitFor();
    await diagnostic.getByText('pas de politique d’achats').waitFor();

    // 6. Launching the consultation (in the header, on every tab) before the structures validated: refused, in French.
    const refused = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${accPath}/transitions`,
    );
    await clickAndLoad(page, 'link', 'Lancer la mise en concurrence');
    await clickAndLoad(page, 'button', 'Lancer la mise en concurrence');
    expect((await refused).status()).toBe(422);
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Chaque structure accompagnée doit d’abord avoir validé le diagnostic partagé.',
    );
    await clickAndLoad(page, 'link', title); // the breadcrumb back to the case
    expect(where(page)).toBe(accPath);
    expect(await stateOf(page).textContent()).toBe('Diagnostic partagé');

    // 7. Each structure's validation, on the diagnostic's tab, then the consultation.
    await openTab(page, 'Diagnostic et cadrage');
    for (const [s, signatory] of [
      [regie, 'Claire Martin'],
      [velo, 'Karim Benali'],
    ] as const) {
      await diagnostic.getByLabel('Structure', { exact: true }).selectOption({ label: s.name });
      await diagnostic.getByLabel('Date de validation').fill('2025-10-15');
      await diagnostic.getByLabel('Nom du ou de la signataire').fill(signatory);
      await clickAndLoad(page, 'button', 'Enregistrer la validation');
      expect(where(page)).toBe(`${accPath}?tab=framing`);
      expect(await flashText(page)).toContain(`Validation du diagnostic par la structure « ${s.name} » enregistrée.`);
      const row = diagnostic.getByRole('row').filter({ has: page.getByRole('rowheader', { name: s.name }) });
      expect(await row.textContent()).toContain(`le 15 octobre 2025 par ${signatory}`);
    }
    // The comité d'appui's favourable opinion (its screens have their own tests: test/support-committee).
    await favourableOpinion(server.db, accPath.split('/').pop()!, { on: '2025-10-15' });
    await clickAndLoad(page, 'link', 'Lancer la mise en concurrence');
    await clickAndLoad(page, 'button', 'Lancer la mise en concurrence');
    expect(pathOf(page)).toBe(accPath);
    expect(await stateOf(page).textContent()).toBe('Mise en concurrence');
    expect(await flashText(page)).toContain('L’accompagnement est passé à l’état « Mise en concurrence ».');
    expect(await page.locator('.steps [aria-current="step"]').textContent()).toContain('Mise en concurrence');

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'accompaniment-consultation.png'), fullPage: true });

    // The consultation's terms sit on the same tab as the diagnostic.
    await openTab(page, 'Diagnostic et cadrage');
    await page.getByRole('region', { name: 'Mise en concurrence des prestataires' }).waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Parties du dossier' }).locator('[aria-current="page"]').textContent(),
    ).toBe('Diagnostic et cadrage');

    // An old link to a section (a bookmark, a mail: /accompaniments/ID#notices) opens the tab that holds it.
    await page.goto(`${server.baseUrl}${accPath}#notices`);
    await page.waitForURL((u) => u.search === '?tab=outputs' && u.hash === '#notices');
    expect(page.url()).toBe(`${server.baseUrl}${accPath}?tab=outputs#notices`);
    await page.getByRole('region', { name: 'Information des partenaires' }).waitFor();
    expect(await page.locator('#notices').isVisible()).toBe(true);
    expect(
      await page.getByRole('navigation', { name: 'Parties du dossier' }).locator('[aria-current="page"]').textContent(),
    ).toBe('Livrables et rapports');
    // A link to a section of the tab already shown stays where it is (no reload loop).
    await page.goto(`${server.baseUrl}${accPath}#phases`);
    await page.locator('#phases').waitFor();
    expect(page.url()).toBe(`${server.baseUrl}${accPath}#phases`);

    // 8. What was recorded.
    const db = server.db;
    const coordinator = await db('users').where({ email: COORDINATOR }).first('id');
    const acc = await db('accompaniments').where({ title }).first('id', 'state', 'kind', 'budget_days', 'budget_eur');
    expect(acc).toBeDefined();
    expect(String(acc.id)).toBe(accPath.split('/').pop());
    expect(acc.state).toBe('consultation');
    expect(acc.kind).toBe('collective');
    expect(Number(acc.budget_days)).toBe(5);
    expect(Number(acc.budget_eur)).toBe(5000);

    const structures = await db('organisations').whereIn('name', [regie.name, velo.name]).select('id', 'name');
    const idOf = (name: string) => String(structures.find((o) => o.name === name)!.id);
    const rows = await db('structures')
      .whereIn(
        'organisation_id',
        structures.map((o) => o.id),
      )
      .select('organisation_id', 'siae_type', 'employees', 'employees_in_insertion');
    expect(
      rows
        .map((r) => ({ ...r, organisation_id: String(r.organisation_id) }))
        .sort((a, b) => a.organisation_id.localeCompare(b.organisation_id)),
    ).toEqual(
      [
        { organisation_id: idOf(regie.name), siae_type: 'ACI', employees: 20, employees_in_insertion: 15 },
        { organisation_id: idOf(velo.name), siae_type: 'EI', employees: 8, employees_in_insertion: 6 },
      ].sort((a, b) => a.organisation_id.localeCompare(b.organisation_id)),
    );

    const benef = await db('accompaniment_beneficiaries')
      .where({ accompaniment_id: acc.id })
      .select('organisation_id', 'status');
    expect(benef.map((b) => [String(b.organisation_id), b.status]).sort()).toEqual(
      [
        [idOf(regie.name), 'active'],
        [idOf(velo.name), 'active'],
      ].sort(),
    );

    const validations = await db('diagnostic_validations')
      .where({ accompaniment_id: acc.id })
      .select('organisation_id', 'validated_by_name', 'recorded_by');
    expect(
      validations.map((v) => [String(v.organisation_id), v.validated_by_name, String(v.recorded_by)]).sort(),
    ).toEqual(
      [
        [idOf(regie.name), 'Claire Martin', String(coordinator.id)],
        [idOf(velo.name), 'Karim Benali', String(coordinator.id)],
      ].sort(),
    );

    const transitions = await db('accompaniment_transitions')
      .where({ accompaniment_id: acc.id })
      .orderBy('id')
      .select('from_state', 'to_state', 'actor_id');
    expect(transitions.map((t) => ({ ...t, actor_id: String(t.actor_id) }))).toEqual([
      { from_state: null, to_state: 'intake', actor_id: String(coordinator.id) },
      { from_state: 'intake', to_state: 'diagnostic', actor_id: String(coordinator.id) },
      { from_state: 'diagnostic', to_state: 'consultation', actor_id: String(coordinator.id) },
    ]);

    // Nothing went wrong in the browser. The refused move answers 422 on purpose, which the
    // browser logs as a failed resource: that message, and only that one, is expected.
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(
      problems.consoleErrors.filter((m) => !(m.includes('status of 422') && m.includes(`${accPath}/transitions`))),
    ).toEqual([]);
  });

  it('adds a structure and a funder’s share through their own pages, keeping what was typed when it is wrong', async () => {
    const title = 'Projet de mutualisation d’un poste de comptable'; // a demo case at intake
    const structure = 'La Ressourcerie du Lion';
    const funder = 'Banque des Territoires';
    await logIn(page, COORDINATOR);
    await clickAndLoad(page, 'link', 'Accompagnements');
    await clickAndLoad(page, 'link', title);
    const accPath = pathOf(page);
    const overview = page.url();
    const beneficiaries = page.getByRole('region', { name: 'Structures accompagnées' });
    // The overview lists the case's structures and links to the page that adds one; no list to choose from.
    expect(await beneficiaries.getByRole('combobox').count()).toBe(0);
    await clickAndLoad(page, 'link', 'Ajouter une structure', beneficiaries);
    expect(pathOf(page)).toBe(`${accPath}/beneficiaries/new`);
    expect(await h1(page).textContent()).toBe('Ajouter une structure à l’accompagnement');

    // Sent without a structure and with a date typed by hand: refused in French, the summary focused, the date kept.
    await page.getByLabel('Depuis le').fill('2026-11-20');
    await clickAndLoad(page, 'button', 'Ajouter');
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Choisissez une structure accompagnée dans la liste.',
    );
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.getByLabel('Depuis le').inputValue()).toBe('2026-11-20');
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'accompaniment-add-structure-422.png'), fullPage: true });
    await page.getByRole('combobox', { name: 'Structure', exact: true }).selectOption({ label: structure });
    await clickAndLoad(page, 'button', 'Ajouter');
    expect(where(page)).toBe(accPath);
    expect(new URL(page.url()).hash).toBe('#beneficiaries');
    expect(await flashText(page)).toContain('La structure est ajoutée à l’accompagnement.');
    await beneficiaries.getByRole('link', { name: structure, exact: true }).waitFor();

    // A funder's share: a wrong amount is refused, the funder stays chosen and the amount typed stays.
    const funding = page.getByRole('region', { name: 'Financement' });
    await clickAndLoad(page, 'link', 'Ajouter un financeur', funding);
    expect(pathOf(page)).toBe(`${accPath}/funding/new`);
    await page.getByLabel('Financeur').selectOption({ label: funder });
    await page.getByLabel('Montant (€)').fill('mille');
    await clickAndLoad(page, 'button', 'Enregistrer la part');
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Saisissez un nombre, par exemple 6 ou 7 000,50.',
    );
    expect(await page.getByLabel('Montant (€)').inputValue()).toBe('mille');
    expect(await page.getByLabel('Financeur').locator('option:checked').textContent()).toBe(funder);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'accompaniment-add-funding-422.png'), fullPage: true });
    await page.getByLabel('Montant (€)').fill('1 500');
    await clickAndLoad(page, 'button', 'Enregistrer la part');
    expect(new URL(page.url()).hash).toBe('#funding');
    expect(await flashText(page)).toContain('Part de financement enregistrée.');
    expect(await funding.getByRole('row').filter({ hasText: funder }).textContent()).toMatch(/1\s500\s€/);

    // Cancel leads back to the case without changing anything.
    await clickAndLoad(page, 'link', 'Ajouter un financeur', funding);
    await clickAndLoad(page, 'link', 'Annuler');
    expect(page.url().split('#')[0]).toBe(overview.split('#')[0]);

    const db = server.db;
    const acc = await db('accompaniments').where({ title }).first('id');
    const added = await db('accompaniment_beneficiaries as b')
      .join('organisations as o', 'o.id', 'b.organisation_id')
      .where({ 'b.accompaniment_id': acc.id, 'o.name': structure })
      .first('b.joined_on');
    expect(added).toEqual({ joined_on: '2026-11-20' });
    const share = await db('accompaniment_funding as f')
      .join('organisations as o', 'o.id', 'f.funder_id')
      .where({ 'f.accompaniment_id': acc.id, 'o.name': funder })
      .first('f.amount_eur');
    expect(share).toEqual({ amount_eur: '1500.00' });
    // The two refusals answered 422 on purpose (the browser logs them); nothing else went wrong.
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((m) => !m.includes('status of 422'))).toEqual([]);
  });
});
