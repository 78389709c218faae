import { listAccompaniments } from '../../src/accompaniments/queries';
import { findSessionUser } from '../../src/platform/auth/session-user';
import { createUser } from '../factories';
import { addBid, addFunder, addStructure, createCase, createPhase } from '../factories/phases';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** French numbers and euros use narrow and non-breaking spaces: compared as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** The sessions section of an accompaniment page (its delivery tab), as a reader gets it. */
async function sectionOf(agent: Awaited<ReturnType<typeof loginAs>>['agent'], accId: string) {
  const page = await getCaseTab(agent, accId, 'sessions').expect(200);
  const m = page.text.match(/<section class="acc-section sessions-section"[\s\S]*?<\/section>/);
  if (!m) throw new Error('no sessions section on the page');
  return plain(m[0]);
}

/** Visible text of a piece of HTML. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

async function addSession(
  accId: string,
  s: { title: string; starts_at: string; days: string; phase_id?: string | null; type?: string; status?: string },
) {
  const [{ id }] = await t
    .db('sessions')
    .insert({
      accompaniment_id: accId,
      type: s.type ?? 'steering_committee',
      title: s.title,
      starts_at: s.starts_at,
      days_consumed: s.days,
      phase_id: s.phase_id ?? null,
      status: s.status ?? 'closed',
    })
    .returning('id');
  return String(id);
}

async function budgetCase(budget: { days: string | null; eur: string | null } = { days: '6', eur: '7000' }) {
  const c = await createCase(t.db, { state: 'delivery' });
  await t.db('accompaniments').where({ id: c.acc.id }).update({ budget_days: budget.days, budget_eur: budget.eur });
  return c;
}

/** A case of 6 days for 7,000 €: 4.5 days consumed (1.5 in phase 1, 2.5 in phase 2, 0.5 outside any phase), 2 sessions to come. */
async function caseAt75Percent() {
  const c = await budgetCase();
  const p1 = await createPhase(t.db, c.acc.id, { position: 1, name: 'Projet politique', status: 'done' });
  const p2 = await createPhase(t.db, c.acc.id, { position: 2, name: 'Réflexions stratégiques', status: 'in_progress' });
  await createPhase(t.db, c.acc.id, { position: 3, name: 'Mise en place opérationnelle', status: 'planned' });
  await addSession(c.acc.id, {
    title: 'Séance de lancement',
    type: 'kickoff',
    starts_at: '2015-12-01T14:00:00+01:00',
    days: '0.5',
    phase_id: p1.id,
  });
  await addSession(c.acc.id, {
    title: 'Entretiens avec les directions',
    type: 'interview',
    starts_at: '2016-01-19T09:00:00+01:00',
    days: '1',
    phase_id: p1.id,
  });
  const themes = [
    'Projet politique',
    'Gouvernance unifiée',
    'Organisation RH et structurelle',
    'Diagnostic fiscal',
    'Partie financière',
  ];
  const starts = [
    '2016-02-12T14:00:00+01:00',
    '2016-02-20T14:00:00+01:00',
    '2016-03-16T14:00:00+01:00',
    '2016-04-30T14:00:00+02:00',
    '2016-09-01T14:00:00+02:00',
  ];
  for (const [i, theme] of themes.entries())
    await addSession(c.acc.id, {
      title: `Comité de pilotage — ${theme}`,
      starts_at: starts[i],
      days: '0.5',
      phase_id: p2.id,
    });
  await addSession(c.acc.id, {
    title: 'Entretien hors phase',
    type: 'interview',
    starts_at: '2016-05-10T10:00:00+02:00',
    days: '0.5',
  });
  await addSession(c.acc.id, {
    title: 'Restitution à venir',
    type: 'restitution',
    starts_at: '2099-11-15T14:00:00+01:00',
    days: '0',
    phase_id: null,
    status: 'planned',
  });
  await addSession(c.acc.id, {
    title: 'Point de suivi à venir',
    type: 'follow_up',
    starts_at: '2099-12-01T14:00:00+01:00',
    days: '0',
    status: 'planned',
  });
  return { ...c, p1, p2 };
}

describe('the sessions section of the accompaniment page', () => {
  it('shows the days consumed against the contracted days as a bar with the 80 % mark, and the same in words with euros at the day rate', async () => {
    const { acc, coordinator } = await caseAt75Percent();
    const { agent } = await loginAs(t.app, coordinator.email);
    const section = await sectionOf(agent, acc.id);
    expect(section).toContain('4,5 j consommés sur 6 j — 75 % — 5 250 €');
    expect(section).toContain('au tarif contractuel de 1 167 € par jour');
    expect(section).toContain('Reste 1,5 j.');
    expect(section).not.toContain('Attention :');
    // The picture: a 600-wide bar, 450 filled, the 80 % mark at 480; drawn with attributes, never inline styles.
    expect(section).toMatch(/<svg class="days-bar days-bar--large days-bar--ok"/);
    expect(section).toMatch(/<rect class="days-bar__track" x="0" y="14" width="600"/);
    expect(section).toMatch(/<rect class="days-bar__fill" x="0" y="14" width="450"/);
    expect(section).toMatch(/<line class="days-bar__mark" x1="480" x2="480"/);
    expect(section).not.toContain('days-bar__over');
    expect(section).not.toMatch(/\sstyle=/);
    expect(section).not.toMatch(/<script/);
  });

  it('shows the days per phase as a bar chart and as a table, with the days of sessions outside any phase', async () => {
    const { acc, coordinator } = await caseAt75Percent();
    const { agent } = await loginAs(t.app, coordinator.email);
    const section = await sectionOf(agent, acc.id);
    expect(section).toContain('Jours consommés par phase');
    const rows = [
      ...section.matchAll(
        /<tr>\s*<th scope="row">([^<]*)<\/th>\s*<td class="num">([^<]*)<\/td>\s*<td class="num">([^<]*)<\/td>/g,
      ),
    ].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      ['1. Projet politique', '1,5', '33 %'],
      ['2. Réflexions stratégiques', '2,5', '56 %'],
      ['3. Mise en place opérationnelle', '0', '0 %'],
      ['Hors phase', '0,5', '11 %'],
    ]);
    // Bars on the scale of the 6 contracted days (plot 514 wide): 1.5 d → 128.5, 2.5 d → 214.2.
    expect(section).toMatch(/<svg class="days-phases__svg"[^>]*role="img"/);
    const bars = [...section.matchAll(/<rect class="days-phases__bar[^"]*" x="8" y="\d+" width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(bars).toEqual([128.5, 214.2, 42.8]);
    expect(section).toContain('la longueur d’une barre complète vaut les 6 j contractés');
  });

  it('lists the next and the last sessions, five in all, with links to every session, the attendance and a new session', async () => {
    const { acc, coordinator } = await caseAt75Percent();
    const { agent } = await loginAs(t.app, coordinator.email);
    const section = await sectionOf(agent, acc.id);
    const tables = [
      ...section.matchAll(/<caption class="sessions-section__caption">([^<]*)<\/caption>([\s\S]*?)<\/table>/g),
    ];
    expect(tables.map((m) => m[1])).toEqual(['Prochaines séances', 'Dernières séances']);
    const titles = (html: string) => [...html.matchAll(/<a href="\/sessions\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(titles(tables[0][2])).toEqual(['Restitution à venir', 'Point de suivi à venir']);
    expect(titles(tables[1][2])).toEqual([
      'Comité de pilotage — Partie financière',
      'Entretien hors phase',
      'Comité de pilotage — Diagnostic fiscal',
    ]);
    expect(textOf(tables[1][2])).toContain(
      '1er septembre 2016 à 14:00 Comité de pilotage Comité de pilotage — Partie financière 0,5',
    );
    expect(section).toContain(`<a href="/accompaniments/${acc.id}/sessions">Toutes les séances</a>`);
    expect(section).toContain('(10 au total)');
    expect(section).toContain(`<a href="/accompaniments/${acc.id}/attendance">Présences</a>`);
    expect(section).toContain(`href="/accompaniments/${acc.id}/sessions/new">Nouvelle séance</a>`);
  });

  it('warns from 80 % of the contracted days on', async () => {
    const below = await budgetCase({ days: '5', eur: '5000' });
    await addSession(below.acc.id, {
      title: 'Trois jours trois quarts',
      starts_at: '2016-02-12T14:00:00+01:00',
      days: '3.75',
    });
    const at = await budgetCase({ days: '5', eur: '5000' });
    await addSession(at.acc.id, { title: 'Trois jours', starts_at: '2016-02-12T14:00:00+01:00', days: '3' });
    await addSession(at.acc.id, { title: 'Un jour', starts_at: '2016-03-12T14:00:00+01:00', days: '1' });

    const belowSection = await sectionOf((await loginAs(t.app, below.coordinator.email)).agent, below.acc.id);
    expect(belowSection).toContain('3,75 j consommés sur 5 j — 75 % — 3 750 €');
    expect(belowSection).toContain('days-bar--ok');
    expect(belowSection).not.toContain('Attention :');

    const atSection = await sectionOf((await loginAs(t.app, at.coordinator.email)).agent, at.acc.id);
    expect(atSection).toContain('4 j consommés sur 5 j — 80 % — 4 000 €');
    expect(atSection).toContain('days-summary--warning');
    expect(atSection).toContain('<svg class="days-bar days-bar--large days-bar--warning"');
    expect(textOf(atSection)).toContain('Attention : 80 % des jours contractés sont consommés ; il reste 1 j.');
  });

  it('shows going over the contracted days in the picture and in words', async () => {
    const c = await budgetCase();
    await addSession(c.acc.id, { title: 'Six jours', starts_at: '2016-02-12T14:00:00+01:00', days: '6' });
    await addSession(c.acc.id, {
      title: 'Une demi-journée de plus',
      starts_at: '2016-03-12T14:00:00+01:00',
      days: '0.5',
    });
    const section = await sectionOf((await loginAs(t.app, c.coordinator.email)).agent, c.acc.id);
    expect(section).toContain('6,5 j consommés sur 6 j — 108 % — 7 583 €');
    expect(section).toContain('<svg class="days-bar days-bar--large days-bar--over"');
    // The scale becomes the 6.5 days consumed: the contracted 6 end at 553.8, the overrun is drawn after it.
    expect(section).toMatch(/<rect class="days-bar__track" x="0" y="14" width="553.8"/);
    expect(section).toMatch(/<rect class="days-bar__over" x="553.8" y="14" width="46.2"/);
    expect(textOf(section)).toContain('Dépassement : 0,5 j au-delà des jours contractés.');
  });

  it('without contracted days, says so and shows the days consumed without a bar', async () => {
    const c = await budgetCase({ days: null, eur: null });
    await addSession(c.acc.id, { title: 'Deux jours', starts_at: '2016-02-12T14:00:00+01:00', days: '2' });
    const section = await sectionOf((await loginAs(t.app, c.coordinator.email)).agent, c.acc.id);
    expect(textOf(section)).toContain('2 j consommés (aucun nombre de jours contracté)');
    expect(section).not.toContain('days-bar__track');
    expect(section).toContain('la barre la plus longue vaut la phase la plus consommatrice');
  });

  it('says when nothing is recorded yet', async () => {
    const c = await budgetCase();
    const section = await sectionOf((await loginAs(t.app, c.coordinator.email)).agent, c.acc.id);
    expect(section).toContain('0 j consommé sur 6 j — 0 % — 0 €');
    expect(section).toContain('Aucune séance enregistrée.');
    expect(section).toContain('Aucune action en cours.');
    expect(section).not.toContain('days-phases__svg');
    expect(section).not.toContain('Toutes les séances');
    expect(section).toContain('Nouvelle séance');
  });

  it('lists the open action items of the case, soonest due first, with the overdue ones marked', async () => {
    const c = await budgetCase();
    const origin = await addSession(c.acc.id, {
      title: 'Comité de pilotage — Partie financière',
      starts_at: '2016-09-01T14:00:00+02:00',
      days: '0.5',
    });
    const structure = await addStructure(t.db, c.acc.id, { name: 'Energie Emploi (actions)' });
    await t.db('action_items').insert([
      {
        accompaniment_id: c.acc.id,
        session_id: origin,
        what: 'Préparer la convention de trésorerie',
        owner_name: 'Bernard Mougin',
        owner_organisation_id: structure.structure.id,
        due_on: '2016-12-31',
        status: 'open',
      },
      {
        accompaniment_id: c.acc.id,
        what: 'Choisir un logiciel comptable commun',
        owner_name: 'Claire Vautrin',
        due_on: '2099-03-31',
        status: 'in_progress',
      },
      { accompaniment_id: c.acc.id, what: 'Action sans échéance', status: 'open' },
      {
        accompaniment_id: c.acc.id,
        what: 'Action déjà faite',
        owner_name: 'Odile Perrot',
        due_on: '2016-03-16',
        status: 'done',
        closed_at: '2016-03-14T18:00:00+01:00',
      },
      {
        accompaniment_id: c.acc.id,
        what: 'Action abandonnée',
        due_on: '2016-03-16',
        status: 'dropped',
        closed_at: '2016-11-15T18:00:00+01:00',
      },
    ]);
    const section = await sectionOf((await loginAs(t.app, c.coordinator.email)).agent, c.acc.id);
    const table = section.match(/<table class="table sessions-section__actions">[\s\S]*?<\/table>/)![0];
    const rows = [...table.matchAll(/<tr class="([^"]*)">([\s\S]*?)<\/tr>/g)].map((m) => ({
      overdue: m[1] === 'action-item--overdue',
      text: textOf(m[2]),
    }));
    expect(rows).toEqual([
      {
        overdue: true,
        text: 'Préparer la convention de trésorerie Décidée en séance : Comité de pilotage — Partie financière Bernard Mougin — Energie Emploi (actions) 31 décembre 2016 En retard À faire',
      },
      { overdue: false, text: 'Choisir un logiciel comptable commun Claire Vautrin 31 mars 2099 En cours' },
      { overdue: false, text: 'Action sans échéance — — À faire' },
    ]);
    expect(table).toContain(`<a href="/sessions/${origin}">`);
    expect(section).not.toContain('Action déjà faite');
    expect(section).not.toContain('Action abandonnée');
  });

  it('is shown to everyone who sees the case; only the operator’s staff and the selected provider are offered a new session', async () => {
    const { acc } = await caseAt75Percent();
    const { user: funder } = await addFunder(t.db, acc.id);
    const { user: beneficiary } = await addStructure(t.db, acc.id);
    const { user: provider } = await addBid(t.db, acc.id, { status: 'selected' });
    const { user: loser } = await addBid(t.db, acc.id, { status: 'not_selected' });
    for (const [user, canLog] of [
      [funder, false],
      [beneficiary, false],
      [provider, true],
    ] as const) {
      const section = await sectionOf((await loginAs(t.app, user.email)).agent, acc.id);
      expect(section).toContain('4,5 j consommés sur 6 j — 75 % — 5 250 €');
      expect(section).toContain('Toutes les séances');
      expect(section.includes('Nouvelle séance')).toBe(canLog);
    }
    // A provider that lost the consultation does not see the case at all.
    const loserAgent = (await loginAs(t.app, loser.email)).agent;
    await loserAgent.get(`/accompaniments/${acc.id}`).expect(404);
    await getCaseTab(loserAgent, acc.id, 'sessions').expect(404);
  });

  it('speaks English to an English reader', async () => {
    const { acc } = await caseAt75Percent();
    const operator = (await t.db('accompaniments').where({ id: acc.id }).first('operator_id')).operator_id;
    const reader = await createUser(t.db, { role: 'manager', organisation_id: String(operator), locale: 'en' });
    const { agent } = await loginAs(t.app, reader.email);
    const section = await sectionOf(agent, acc.id);
    expect(section).toContain('4.5 days consumed out of 6 — 75% — €5,250');
    expect(section).toContain('Next sessions');
    expect(section).toContain('Days consumed per phase');
  });
});

describe('the lists of accompaniments', () => {
  it('show the days consumed against the budget as a small bar on every row', async () => {
    const { acc, coordinator } = await caseAt75Percent();
    const { agent } = await loginAs(t.app, coordinator.email);
    for (const path of ['/accompaniments', '/']) {
      const page = plain((await agent.get(path).expect(200)).text);
      const row = page.match(new RegExp(`<tr>\\s*<td><a href="/accompaniments/${acc.id}">[\\s\\S]*?</tr>`))![0];
      expect(row).toContain('<svg class="days-bar days-bar--small days-bar--ok"');
      expect(row).toMatch(/<rect class="days-bar__fill" x="0" y="1" width="90"/);
      expect(row).toMatch(/<line class="days-bar__mark" x1="96" x2="96"/);
      expect(textOf(row)).toContain('4,5 j consommés sur 6 j');
      expect(row).not.toMatch(/\sstyle=/);
    }
  });

  it('mark the rows at 80 % and over', async () => {
    const c = await budgetCase({ days: '2', eur: '2000' });
    await addSession(c.acc.id, { title: 'Deux jours et demi', starts_at: '2016-02-12T14:00:00+01:00', days: '2.5' });
    const page = plain(
      (await (await loginAs(t.app, c.coordinator.email)).agent.get('/accompaniments').expect(200)).text,
    );
    const row = page.match(new RegExp(`<tr>\\s*<td><a href="/accompaniments/${c.acc.id}">[\\s\\S]*?</tr>`))![0];
    expect(row).toContain('days-bar--over');
    expect(row).toContain('days-bar__over');
    expect(textOf(row)).toContain('2,5 j consommés sur 2 j');
  });

  it('read the days of every row in the same query, whatever the number of cases', async () => {
    const c = await budgetCase();
    const user = (await findSessionUser(t.db, { id: c.coordinator.id }))!;
    const count = async () => {
      let n = 0;
      const onQuery = () => n++;
      t.db.on('query', onQuery);
      const page = await listAccompaniments(t.db, user, {}, 1);
      t.db.removeListener('query', onQuery);
      return { n, page };
    };
    await addSession(c.acc.id, { title: 'Un jour', starts_at: '2016-02-12T14:00:00+01:00', days: '1' });
    const one = await count();
    expect(one.page.rows.map((r) => [String(r.id), Number(r.days_consumed)])).toEqual([[c.acc.id, 1]]);
    for (let i = 0; i < 4; i++) {
      const [{ id }] = await t
        .db('accompaniments')
        .insert({
          operator_id: c.operator.id,
          title: `Autre ${i}`,
          kind: 'individual',
          state: 'delivery',
          intake_on: '2016-01-01',
          budget_days: '3',
        })
        .returning('id');
      await addSession(String(id), { title: 'Séance', starts_at: '2016-02-12T14:00:00+01:00', days: '0.25' });
    }
    const five = await count();
    expect(five.page.rows).toHaveLength(5);
    expect(five.page.rows.map((r) => Number(r.days_consumed)).sort()).toEqual([0.25, 0.25, 0.25, 0.25, 1]);
    expect(five.n).toBe(one.n);
  });
});
