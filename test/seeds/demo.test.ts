import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import caseData from '../../seeds/data/belfort-ges-case.json';
import { seed } from '../../seeds/demo';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createTestApp, csrfOf, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seed(t.db);
});
afterAll(() => t.close());

async function loginDemo(email: string) {
  const agent = request.agent(t.app);
  const page = await agent.get('/login');
  await agent.post('/login').type('form').send({ _csrf: csrfOf(page.text), email, password: DEMO_PASSWORD }).expect(302);
  return agent;
}

const belfort = () => t.db('accompaniments').where({ title: BELFORT_TITLE }).first();

describe('the demo data set', () => {
  it('records the Belfort case: four structures, 6 days, 7,000 €, COORACE selected among four bidders', async () => {
    const acc = await belfort();
    expect(acc).toBeDefined();
    expect(acc.kind).toBe('collective');
    expect(Number(acc.budget_days)).toBe(6);
    expect(Number(acc.budget_eur)).toBe(7000);
    const beneficiaries = await t.db('accompaniment_beneficiaries as b').join('organisations as o', 'o.id', 'b.organisation_id').where('b.accompaniment_id', acc.id).select('o.name', 'b.status', 'b.withdrawn_on', 'b.withdrawal_reasons', 'b.may_rejoin');
    expect(beneficiaries.map((b) => b.name).sort()).toEqual(['Chacasol', 'Chamois', 'Energie Emploi', 'Intermed']);
    const chamois = beneficiaries.find((b) => b.name === 'Chamois')!;
    expect(chamois.status).toBe('withdrawn');
    expect(chamois.withdrawn_on).toBe('2016-11-15');
    expect(chamois.withdrawal_reasons).toContain('direction partagée');
    expect(chamois.may_rejoin).toContain("le chantier d'insertion");
    const bids = await t.db('consultation_bids as b').join('organisations as o', 'o.id', 'b.provider_id').where('b.accompaniment_id', acc.id).select('o.name', 'b.status');
    expect(bids).toHaveLength(4);
    expect(bids.filter((b) => b.status === 'selected').map((b) => b.name)).toEqual(['COORACE – fédération nationale']);
    const validations = await t.db('diagnostic_validations').where({ accompaniment_id: acc.id }).select('validated_on');
    expect(validations.map((v) => v.validated_on)).toEqual(['2015-10-15', '2015-10-15', '2015-10-15', '2015-10-15']);
    expect(await t.db('diagnostic_objectives').where({ accompaniment_id: acc.id }).pluck('theme')).toHaveLength(8);
    expect(await t.db('phases').where({ accompaniment_id: acc.id }).orderBy('position').pluck('name')).toEqual([
      'Projet politique et organisation stratégique',
      'Réflexions stratégiques (8 groupes de travail)',
      'Mise en place opérationnelle du regroupement',
    ]);
    expect(await t.db('notices').where({ accompaniment_id: acc.id }).orderBy('on_date').pluck('on_date')).toEqual(['2015-11-15', '2015-12-15']);
    const chacasol = await t.db('structures as s').join('organisations as o', 'o.id', 's.organisation_id').where('o.name', 'Chacasol').first();
    expect(chacasol).toMatchObject({ siae_type: 'ACI', taxable: true, employees: 15, employees_in_insertion: 13 });
  });

  it('records the delivery in meetings: ten sessions on the case sheet’s dates, consuming exactly the 6 contracted days', async () => {
    const acc = await belfort();
    const sessions = await t
      .db('sessions as s')
      .leftJoin('phases as p', 'p.id', 's.phase_id')
      .where('s.accompaniment_id', acc.id)
      .orderBy('s.starts_at')
      .select('s.id', 's.type', 's.theme', 's.days_consumed', 's.status', 's.validated_at', 's.validated_by', 's.minutes', 'p.position as phase', t.db.raw("to_char(s.starts_at at time zone 'Europe/Paris', 'YYYY-MM-DD') as day"));
    expect(sessions).toHaveLength(10);
    expect(sessions[0]).toMatchObject({ type: 'kickoff', day: '2015-12-01', phase: 1 });
    expect(sessions[9]).toMatchObject({ type: 'restitution', day: '2016-11-15', phase: 3 });
    const themed = sessions.filter((s) => s.type === 'steering_committee');
    expect(themed.map((s) => ({ date: s.day, phase: s.phase, theme: s.theme }))).toEqual(caseData.steering_sessions);
    expect(themed.map((s) => s.day)).toEqual(['2016-02-12', '2016-02-20', '2016-03-16', '2016-04-08', '2016-04-30', '2016-06-13', '2016-09-01', '2016-09-13']);
    expect(sessions.reduce((sum, s) => sum + Number(s.days_consumed), 0)).toBe(6);
    const julie = await t.db('users').where({ email: 'coordination@jalons.test' }).first('id');
    for (const s of sessions) {
      expect(s.status).toBe('closed');
      expect(s.validated_at).not.toBeNull();
      expect(String(s.validated_by)).toBe(String(julie.id));
      expect(s.minutes).toBeTruthy();
    }

    // Attendance: the committee is invited to every session; most of it comes.
    const attendance = await t.db('session_attendees').whereIn('session_id', sessions.map((s) => s.id)).select('session_id', 'presence', 'name');
    for (const s of sessions) {
      const rows = attendance.filter((a) => String(a.session_id) === String(s.id));
      expect(rows.length).toBeGreaterThanOrEqual(12);
      expect(rows.filter((a) => a.presence === 'present').length).toBeGreaterThanOrEqual(9);
      expect(rows.filter((a) => a.presence === 'invited')).toEqual([]);
    }
    expect(attendance.some((a) => a.presence === 'excused')).toBe(true);
    expect(attendance.filter((a) => a.name === 'Marc Lefèvre').every((a) => a.presence === 'present')).toBe(true);
  });

  it('has a steering committee of ten people of the four structures, with the coordinator and the consultant, and themed working groups', async () => {
    const acc = await belfort();
    const members = await t.db('steering_committee_members').where({ accompaniment_id: acc.id }).select('name', 'role', 'organisation_name', 'contact_id', 'user_id');
    const fromStructures = members.filter((m) => m.contact_id);
    expect(fromStructures).toHaveLength(10);
    expect(new Set(fromStructures.map((m) => m.organisation_name))).toEqual(new Set(['Energie Emploi', 'Intermed', 'Chamois', 'Chacasol']));
    expect(members.filter((m) => m.user_id).map((m) => [m.name, m.role]).sort()).toEqual([
      ['Julie Moreau', 'coordinator'],
      ['Marc Lefèvre', 'consultant'],
    ]);
    const groups = await t.db('working_groups').where({ accompaniment_id: acc.id }).orderBy('name').select('id', 'name', 'aim');
    expect(groups.map((g) => g.name)).toEqual(['Communication', 'Comptabilité', 'Gouvernance']);
    for (const g of groups) {
      expect(g.aim).toBeTruthy();
      expect((await t.db('working_group_members').where({ working_group_id: g.id }).count('* as n').first())!.n).not.toBe('0');
      expect((await t.db('working_group_structures').where({ working_group_id: g.id }).count('* as n').first())!.n).not.toBe('0');
    }
    const actions = await t.db('action_items').where({ accompaniment_id: acc.id }).select('status', 'owner_name', 'due_on', 'session_id');
    expect(actions.filter((a) => a.status === 'open' || a.status === 'in_progress').length).toBeGreaterThanOrEqual(2);
    expect(actions.filter((a) => a.status === 'done').length).toBeGreaterThanOrEqual(2);
    for (const a of actions) expect(a).toMatchObject({ owner_name: expect.any(String), due_on: expect.any(String), session_id: expect.anything() });
  });

  it('shows the consumed days on the case’s page: the whole budget, per phase', async () => {
    const acc = await belfort();
    const agent = await loginDemo('coordination@jalons.test');
    const page = (await getCaseTab(agent, acc.id, 'sessions').expect(200)).text.replace(/[\u00a0\u202f]/g, ' ');
    expect(page).toContain('6 j consommés sur 6 j — 100 % — 7 000 €');
    expect(page).toMatch(/<strong>Attention :<\/strong> tous les jours contractés sont consommés\./);
    expect(page).toMatch(/Réflexions stratégiques \(8 groupes de travail\)<\/th>\s*<td class="num">4<\/td>/);
    expect(page).toContain('Rédiger les statuts de l’association support du GES');
  });

  it('adds smaller fictional cases in other states', async () => {
    const states = await t.db('accompaniments').whereNot({ title: BELFORT_TITLE }).pluck('state');
    expect(new Set(states)).toEqual(new Set(['intake', 'diagnostic', 'consultation']));
  });

  it('can be loaded again without duplicating anything', async () => {
    const count = async () => (await t.db('accompaniments').count('* as n').first())!.n;
    const tables = ['sessions', 'session_attendees', 'steering_committee_members', 'working_groups', 'working_group_members', 'action_items', 'structure_contacts'];
    const counts = async () => Promise.all(tables.map(async (table) => (await t.db(table).count('* as n').first())!.n));
    const before = await count();
    const beforeMeetings = await counts();
    await seed(t.db);
    expect(await count()).toBe(before);
    expect(await counts()).toEqual(beforeMeetings);
    expect(await t.db('users').whereIn('email', DEMO_ACCOUNTS.map((a) => a.email)).count('* as n').first()).toEqual({ n: String(DEMO_ACCOUNTS.length) });
  });

  it('shows the case to the coordinator, the selected provider, the funder and the beneficiary', async () => {
    const acc = await belfort();
    for (const email of ['coordination@jalons.test', 'direction@jalons.test', 'prestataire@jalons.test', 'financeur@jalons.test', 'structure@jalons.test']) {
      const agent = await loginDemo(email);
      const page = await agent.get(`/accompaniments/${acc.id}`).expect(200);
      expect(page.text).toContain('Groupe économique solidaire (GES)');
      expect(page.text).toContain('Chamois');
    }
    // The follow-up was handed to the relay's organisation (seeds/belfort-handoff.ts): it reads the case.
    const relay = await loginDemo('relais@jalons.test');
    await relay.get(`/accompaniments/${acc.id}`).expect(200);
  });

  it('shows the coordinator their cases on the home page', async () => {
    const agent = await loginDemo('coordination@jalons.test');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Mes accompagnements');
    expect(home.text).toContain('Suivi post-accompagnement');
    expect(home.text).toContain('Consolidation du modèle économique');
  });
});
