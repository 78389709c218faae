import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parisParts } from '../../src/sessions/time';
import type { PageProblems } from '../support/browser';
import { clickAndLoad, logIn as logInAt, pathOf, RESULTS_DIR, useBrowserSuite } from '../support/browser-suite';
import type { TestServer } from '../support/server';

const COORDINATOR = 'coordination@jalons.test';

let server: TestServer;
let page: Page;
let problems: PageProblems;
useBrowserSuite((s) => ({ server, page, problems } = s), { acceptDialogs: true });

const flashText = (p: Page) => p.getByRole('status').allTextContents();
/** French numbers and euros use narrow and non-breaking spaces: compared as plain spaces. */
const plain = (s: string | null) =>
  (s ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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

/**
 * A new case of the demo's operator, in delivery: 4 days for 4,000 €, two of the demo's
 * structures, two phases, and a steering committee of two structure contacts and the coordinator.
 */
async function newCaseWithCommittee() {
  const db = server.db;
  const operator = await db('organisations')
    .where({ kind: 'operator' })
    .whereILike('name', 'MIFE 90%')
    .first('id', 'name');
  const julie = await db('users').where({ email: COORDINATOR }).first('id', 'name');
  const [{ id }] = await db('accompaniments')
    .insert({
      operator_id: operator.id,
      coordinator_id: julie.id,
      title: 'Mutualisation de l’accompagnement socio-professionnel — test navigateur',
      kind: 'collective',
      state: 'delivery',
      department: '90',
      intake_on: '2026-01-12',
      budget_days: 4,
      budget_eur: 4000,
    })
    .returning('id');
  const accId = String(id);
  const structures = await db('organisations')
    .where({ kind: 'structure' })
    .whereIn('name', ['Energie Emploi', 'Intermed'])
    .select('id', 'name');
  for (const s of structures)
    await db('accompaniment_beneficiaries').insert({
      accompaniment_id: accId,
      organisation_id: s.id,
      status: 'active',
      joined_on: '2026-01-12',
    });
  await db('phases').insert([
    { accompaniment_id: accId, position: 1, name: 'Diagnostic approfondi', status: 'in_progress' },
    { accompaniment_id: accId, position: 2, name: 'Plan d’actions', status: 'planned' },
  ]);
  const contact = async (name: string, structure: string) =>
    db('structure_contacts as c')
      .join('organisations as o', 'o.id', 'c.organisation_id')
      .where({ 'c.name': name, 'o.name': structure })
      .first('c.id', 'c.name', 'c.role', 'o.id as organisation_id', 'o.name as organisation_name');
  const claire = await contact('Claire Vautrin', 'Energie Emploi');
  const odile = await contact('Odile Perrot', 'Intermed');
  for (const c of [claire, odile]) {
    await db('steering_committee_members').insert({
      accompaniment_id: accId,
      contact_id: c.id,
      name: c.name,
      organisation_id: c.organisation_id,
      organisation_name: c.organisation_name,
      role: c.role,
    });
  }
  await db('steering_committee_members').insert({
    accompaniment_id: accId,
    user_id: julie.id,
    name: julie.name,
    organisation_id: operator.id,
    organisation_name: operator.name,
    role: 'coordinator',
  });
  return { accId, julie };
}

describe('a session with attendance and minutes, in a real browser', () => {
  it('logs a committee session with its invitees, records who came, writes the minutes, closes it and sees the days consumed on the case', async () => {
    const { accId, julie } = await newCaseWithCommittee();
    const title = 'Comité de pilotage n° 1 — test navigateur';
    // A meeting a week ago, so that presence can be recorded (nobody is "present" before it starts).
    const day = parisParts(new Date(Date.now() - 7 * 86_400_000)).date;

    // 1. The coordinator opens the case, then its delivery tab: nothing consumed yet.
    await logIn(page, COORDINATOR);
    await page.goto(`${server.baseUrl}/accompaniments/${accId}`);
    await openTab(page, 'Déroulement');
    expect(where(page)).toBe(`/accompaniments/${accId}?tab=delivery`);
    const section = page.getByRole('region', { name: 'Séances et jours consommés' });
    expect(plain(await section.locator('.days-summary__text strong').textContent())).toBe(
      '0 j consommé sur 4 j — 0 % — 0 €',
    );
    await section.getByText('Aucune séance enregistrée.').waitFor();

    // 2. A new session from the section.
    await clickAndLoad(page, 'link', 'Nouvelle séance', section);
    expect(pathOf(page)).toBe(`/accompaniments/${accId}/sessions/new`);
    await page.getByLabel('Type de séance').selectOption({ label: 'Comité de pilotage' });
    await page.getByRole('textbox', { name: 'Intitulé' }).fill(title);
    await page.getByLabel('Thème', { exact: true }).fill('Parcours d’insertion partagés');
    await page.getByRole('textbox', { name: 'Date', exact: true }).fill(day);
    await page.getByLabel('Heure de début').fill('14:00');
    await page.getByLabel('Heure de fin').fill('16:30');
    await page.getByLabel('Lieu').fill('Locaux d’Intermed, Belfort');
    await page.getByLabel('Phase', { exact: true }).selectOption({ label: '1. Diagnostic approfondi' });
    await page.getByLabel('Jours consommés').fill('1,5');
    await page.getByLabel('Ordre du jour').fill('- Tour de table\n- Parcours d’insertion partagés');
    for (const name of ['Claire Vautrin', 'Odile Perrot', julie.name])
      await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
    await page.getByLabel('Nom (invité·e 1)').fill('Paul Henry');
    await page.getByLabel('Organisation (invité·e 1)').fill('Tremplin Intérim 90');
    await clickAndLoad(page, 'button', 'Enregistrer la séance');
    expect(pathOf(page)).toMatch(/^\/sessions\/[1-9]\d*$/);
    const sessionPath = pathOf(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await flashText(page)).toContain('Séance enregistrée.');

    // 3. Attendance: three came, one sent her apologies.
    await clickAndLoad(page, 'link', 'Saisir les présences');
    expect(pathOf(page)).toBe(`${sessionPath}/attendance`);
    for (const [name, presence] of [
      ['Claire Vautrin', 'Présent·e'],
      ['Odile Perrot', 'Excusé·e'],
      [julie.name, 'Présent·e'],
      ['Paul Henry', 'Présent·e'],
    ]) {
      await page
        .getByRole('group', { name: new RegExp(`^${name}`) })
        .getByRole('radio', { name: presence })
        .check();
    }
    await clickAndLoad(page, 'button', 'Enregistrer les présences');
    expect(pathOf(page)).toBe(sessionPath);
    expect(await flashText(page)).toContain('Présences enregistrées.');

    // 4. The minutes and the decisions.
    await clickAndLoad(page, 'link', 'Modifier la séance');
    await page
      .getByLabel('Compte rendu')
      .fill('Tour de table des parcours d’insertion.\nLes deux structures partagent leurs offres de formation.');
    await page.getByLabel('Décisions').fill('- Un référent commun pour les parcours.');
    await clickAndLoad(page, 'button', 'Enregistrer');
    expect(pathOf(page)).toBe(sessionPath);
    expect(await flashText(page)).toContain('Séance mise à jour.');
    const people = page.getByRole('region', { name: 'Participants' });
    for (const [name, presence] of [
      ['Claire Vautrin', 'Présent·e'],
      ['Odile Perrot', 'Excusé·e'],
      ['Paul Henry', 'Présent·e'],
    ]) {
      expect(plain(await people.getByRole('listitem').filter({ hasText: name }).textContent())).toContain(presence);
    }
    await page
      .getByRole('region', { name: 'Compte rendu' })
      .getByText('Les deux structures partagent leurs offres de formation.')
      .waitFor();
    await page.getByRole('region', { name: 'Décisions' }).getByText('Un référent commun pour les parcours.').waitFor();

    // 5. Closed: the minutes are locked (the confirmation dialog is accepted).
    await clickAndLoad(page, 'button', 'Clôturer et verrouiller le compte rendu');
    expect(await flashText(page)).toContain('Séance clôturée : le compte rendu est verrouillé.');
    await page.getByText('Séance clôturée : le compte rendu et les décisions sont verrouillés.').waitFor();

    // 6. Back on the case: the days bar and its words, the phase, the session in the list.
    await clickAndLoad(page, 'link', 'Retour à l’accompagnement');
    expect(pathOf(page)).toBe(`/accompaniments/${accId}`);
    await openTab(page, 'Déroulement');
    expect(where(page)).toBe(`/accompaniments/${accId}?tab=delivery`);
    expect(plain(await section.locator('.days-summary__text strong').textContent())).toBe(
      '1,5 j consommé sur 4 j — 38 % — 1 500 €',
    );
    expect(await section.locator('.days-bar--large .days-bar__fill').getAttribute('width')).toBe('225');
    expect(await section.locator('.days-bar--large .days-bar__mark').getAttribute('x1')).toBe('480');
    expect(
      plain(
        await section
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: '1. Diagnostic approfondi' }) })
          .textContent(),
      ),
    ).toBe('1. Diagnostic approfondi 1,5 100 %');
    await section.getByRole('link', { name: title }).waitFor();
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await section.screenshot({ path: path.join(RESULTS_DIR, 'session.png') });

    // 7. What was recorded.
    const db = server.db;
    const id = sessionPath.split('/').pop();
    const s = await db('sessions').where({ id }).first();
    expect(s).toMatchObject({
      accompaniment_id: accId,
      type: 'steering_committee',
      title,
      status: 'closed',
      place: 'Locaux d’Intermed, Belfort',
      logged_by: String(julie.id),
    });
    expect(Number(s.days_consumed)).toBe(1.5);
    expect(parisParts(s.starts_at)).toEqual({ date: day, time: '14:00' });
    expect(parisParts(s.ends_at)).toEqual({ date: day, time: '16:30' });
    expect(s.minutes).toContain('offres de formation');
    const attendees = await db('session_attendees')
      .where({ session_id: id })
      .orderBy('name')
      .select('name', 'presence', 'organisation_name', 'contact_id', 'user_id');
    expect(attendees.map((a) => [a.name, a.presence])).toEqual([
      ['Claire Vautrin', 'present'],
      ['Julie Moreau', 'present'],
      ['Odile Perrot', 'excused'],
      ['Paul Henry', 'present'],
    ]);
    expect(attendees.find((a) => a.name === 'Paul Henry')).toMatchObject({
      organisation_name: 'Tremplin Intérim 90',
      contact_id: null,
      user_id: null,
    });

    // Nothing went wrong in the browser.
    expect(problems.all()).toEqual([]);
  });
});
