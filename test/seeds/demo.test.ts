import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import caseData from '../../seeds/data/belfort-ges-case.json';
import { seed } from '../../seeds/demo';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createStorage } from '../../src/platform/storage';
import { pdfText } from '../support/pdf-text';
import { createDemoApp, csrfOf, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

async function loginDemo(email: string) {
  const agent = request.agent(t.app);
  const page = await agent.get('/login');
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password: DEMO_PASSWORD })
    .expect(302);
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
    const beneficiaries = await t
      .db('accompaniment_beneficiaries as b')
      .join('organisations as o', 'o.id', 'b.organisation_id')
      .where('b.accompaniment_id', acc.id)
      .select('o.name', 'b.status', 'b.withdrawn_on', 'b.withdrawal_reasons', 'b.may_rejoin');
    expect(beneficiaries.map((b) => b.name).sort()).toEqual(['Chacasol', 'Chamois', 'Energie Emploi', 'Intermed']);
    const chamois = beneficiaries.find((b) => b.name === 'Chamois')!;
    expect(chamois.status).toBe('withdrawn');
    expect(chamois.withdrawn_on).toBe('2016-11-15');
    expect(chamois.withdrawal_reasons).toContain('direction partagée');
    expect(chamois.may_rejoin).toContain("le chantier d'insertion");
    const bids = await t
      .db('consultation_bids as b')
      .join('organisations as o', 'o.id', 'b.provider_id')
      .where('b.accompaniment_id', acc.id)
      .select('o.name', 'b.status');
    expect(bids).toHaveLength(4);
    expect(bids.filter((b) => b.status === 'selected').map((b) => b.name)).toEqual(['COORACE – fédération nationale']);
    // Every demo bid has its history, as the consultation's commands write it (consultations/bid-lifecycle.ts).
    const logs = await t
      .db('consultation_bid_transitions as t')
      .join('consultation_bids as b', 'b.id', 't.bid_id')
      .join('organisations as o', 'o.id', 'b.provider_id')
      .where('b.accompaniment_id', acc.id)
      .orderBy('t.id')
      .select('o.name', 't.event', 't.from_status', 't.to_status', 't.happened_on');
    const coorace = logs.filter((l) => l.name === 'COORACE – fédération nationale');
    expect(coorace.map((l) => [l.event, l.from_status, l.to_status, l.happened_on])).toEqual([
      ['invite', null, 'invited', '2015-10-20'],
      ['propose', 'invited', 'proposed', '2015-11-10'],
      ['select', 'proposed', 'selected', '2015-11-30'],
    ]);
    expect(logs.filter((l) => l.event === 'set_aside' && l.to_status === 'not_selected')).toHaveLength(3);
    const unlogged = await t
      .db('consultation_bids as b')
      .whereNotExists(t.db('consultation_bid_transitions as t').whereRaw('t.bid_id = b.id'))
      .count<{ n: string }[]>('* as n');
    expect(Number(unlogged[0].n)).toBe(0);
    const validations = await t.db('diagnostic_validations').where({ accompaniment_id: acc.id }).select('validated_on');
    expect(validations.map((v) => v.validated_on)).toEqual(['2015-10-15', '2015-10-15', '2015-10-15', '2015-10-15']);
    expect(await t.db('diagnostic_objectives').where({ accompaniment_id: acc.id }).pluck('theme')).toHaveLength(8);
    expect(await t.db('phases').where({ accompaniment_id: acc.id }).orderBy('position').pluck('name')).toEqual([
      'Projet politique et organisation stratégique',
      'Réflexions stratégiques (8 groupes de travail)',
      'Mise en place opérationnelle du regroupement',
    ]);
    expect(await t.db('notices').where({ accompaniment_id: acc.id }).orderBy('on_date').pluck('on_date')).toEqual([
      '2015-11-15',
      '2015-12-15',
    ]);
    const chacasol = await t
      .db('structures as s')
      .join('organisations as o', 'o.id', 's.organisation_id')
      .where('o.name', 'Chacasol')
      .first();
    expect(chacasol).toMatchObject({ siae_type: 'ACI', taxable: true, employees: 15, employees_in_insertion: 13 });
  });

  it('records the delivery in meetings: ten sessions on the case sheet’s dates, consuming exactly the 6 contracted days', async () => {
    const acc = await belfort();
    const sessions = await t
      .db('sessions as s')
      .leftJoin('phases as p', 'p.id', 's.phase_id')
      .where('s.accompaniment_id', acc.id)
      .orderBy('s.starts_at')
      .select(
        's.id',
        's.type',
        's.theme',
        's.days_consumed',
        's.status',
        's.validated_at',
        's.validated_by',
        's.minutes',
        'p.position as phase',
        t.db.raw("to_char(s.starts_at at time zone 'Europe/Paris', 'YYYY-MM-DD') as day"),
      );
    expect(sessions).toHaveLength(10);
    expect(sessions[0]).toMatchObject({ type: 'kickoff', day: '2015-12-01', phase: 1 });
    expect(sessions[9]).toMatchObject({ type: 'restitution', day: '2016-11-15', phase: 3 });
    const themed = sessions.filter((s) => s.type === 'steering_committee');
    expect(themed.map((s) => ({ date: s.day, phase: s.phase, theme: s.theme }))).toEqual(caseData.steering_sessions);
    expect(themed.map((s) => s.day)).toEqual([
      '2016-02-12',
      '2016-02-20',
      '2016-03-16',
      '2016-04-08',
      '2016-04-30',
      '2016-06-13',
      '2016-09-01',
      '2016-09-13',
    ]);
    expect(sessions.reduce((sum, s) => sum + Number(s.days_consumed), 0)).toBe(6);
    const julie = await t.db('users').where({ email: 'coordination@jalons.test' }).first('id');
    for (const s of sessions) {
      expect(s.status).toBe('closed');
      expect(s.validated_at).not.toBeNull();
      expect(String(s.validated_by)).toBe(String(julie.id));
      expect(s.minutes).toBeTruthy();
    }

    // Attendance: the committee is invited to every session; most of it comes.
    const attendance = await t
      .db('session_attendees')
      .whereIn(
        'session_id',
        sessions.map((s) => s.id),
      )
      .select('session_id', 'presence', 'name');
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
    const members = await t
      .db('steering_committee_members')
      .where({ accompaniment_id: acc.id })
      .select('name', 'role', 'organisation_name', 'contact_id', 'user_id');
    const fromStructures = members.filter((m) => m.contact_id);
    expect(fromStructures).toHaveLength(10);
    expect(new Set(fromStructures.map((m) => m.organisation_name))).toEqual(
      new Set(['Energie Emploi', 'Intermed', 'Chamois', 'Chacasol']),
    );
    expect(
      members
        .filter((m) => m.user_id)
        .map((m) => [m.name, m.role])
        .sort(),
    ).toEqual([
      ['Julie Moreau', 'coordinator'],
      ['Marc Lefèvre', 'consultant'],
    ]);
    const groups = await t
      .db('working_groups')
      .where({ accompaniment_id: acc.id })
      .orderBy('name')
      .select('id', 'name', 'aim');
    expect(groups.map((g) => g.name)).toEqual(['Communication', 'Comptabilité', 'Gouvernance']);
    for (const g of groups) {
      expect(g.aim).toBeTruthy();
      expect(
        (await t.db('working_group_members').where({ working_group_id: g.id }).count('* as n').first())!.n,
      ).not.toBe('0');
      expect(
        (await t.db('working_group_structures').where({ working_group_id: g.id }).count('* as n').first())!.n,
      ).not.toBe('0');
    }
    // The meetings' action items (the action plan's own are checked below).
    const actions = await t
      .db('action_items')
      .where({ accompaniment_id: acc.id })
      .whereNull('deliverable_id')
      .select('status', 'owner_name', 'due_on', 'session_id');
    expect(actions.filter((a) => a.status === 'open' || a.status === 'in_progress').length).toBeGreaterThanOrEqual(2);
    expect(actions.filter((a) => a.status === 'done').length).toBeGreaterThanOrEqual(2);
    for (const a of actions)
      expect(a).toMatchObject({
        owner_name: expect.any(String),
        due_on: expect.any(String),
        session_id: expect.anything(),
      });
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

  it('records the convention issued on 4 January 2016, signed by every party in January 2016, Chamois included', async () => {
    const acc = await belfort();
    const conventions = await t
      .db('conventions')
      .where({ accompaniment_id: acc.id })
      .select('id', 'version', 'issued_on', 'voided_at');
    expect(conventions).toEqual([{ id: expect.anything(), version: 1, issued_on: '2016-01-04', voided_at: null }]);
    const signatures = await t
      .db('convention_signatures as s')
      .join('convention_parties as p', 'p.id', 's.party_id')
      .where('s.convention_id', conventions[0].id)
      .whereNull('s.voided_at')
      .select('p.name', 's.signed_on', 's.method');
    expect(signatures.map((x) => x.name).sort()).toEqual(
      [
        'COORACE – fédération nationale',
        'Chacasol',
        'Chamois',
        'Energie Emploi',
        'Intermed',
        "MIFE 90 – Maison de l'Information sur la Formation et l'Emploi",
      ].sort(),
    );
    for (const x of signatures) expect(x.signed_on).toMatch(/^2016-01-0[45]$/);
    // The coordinator reads the signed convention on its board.
    const agent = await loginDemo('coordination@jalons.test');
    const board = await agent.get(`/accompaniments/${acc.id}/convention`).expect(200);
    expect(board.text).toContain('4 janvier 2016');
  });

  it('records the provider’s action plan handed in, reviewed and accepted in 2016, its actions published', async () => {
    const acc = await belfort();
    const plan = await t
      .db('deliverables')
      .where({ accompaniment_id: acc.id, type: 'action_plan' })
      .first('id', 'status');
    expect(plan.status).toBe('accepted');
    expect(
      await t
        .db('deliverable_versions')
        .where({ deliverable_id: plan.id })
        .select('version', 'submitted_on', 'uploaded_by'),
    ).toEqual([
      {
        version: 1,
        submitted_on: '2016-09-20',
        uploaded_by: (await t.db('users').where({ email: 'prestataire@jalons.test' }).first('id')).id,
      },
    ]);
    expect(
      await t.db('deliverable_comments').where({ deliverable_id: plan.id }).select('decision', 'decided_on'),
    ).toEqual([{ decision: 'accepted', decided_on: '2016-10-03' }]);
    const actions = await t.db('action_items').where({ deliverable_id: plan.id }).select('visible');
    expect(actions.length).toBe(3);
    expect(actions.every((a) => a.visible)).toBe(true);
    const provider = await loginDemo('prestataire@jalons.test');
    const page = await provider.get(`/deliverables/${plan.id}`).expect(200);
    expect(page.text).toContain('validé le 3 octobre 2016');
    expect(page.text).toContain('le 20 septembre 2016 par Marc Lefèvre');
    const file = page.text.match(/href="(\/documents\/\d+\/download)"/)![1];
    const pdf = await provider.get(file).expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
  });

  it('records a progress report sent to the funders: the DDETS finds it in its portal as a PDF', async () => {
    const acc = await belfort();
    const report = await t
      .db('progress_reports')
      .where({ accompaniment_id: acc.id })
      .first('id', 'status', 'period_end', 'sha256');
    expect(report).toMatchObject({ status: 'sent', period_end: '2016-03-31' });
    const funder = await loginDemo('financeur@jalons.test');
    const portal = await funder.get('/portal').expect(200);
    expect(portal.text).toContain(`/reports/${report.id}/pdf`);
    const pdf = await funder.get(`/reports/${report.id}/pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('31 mars 2016');
  });

  it('keeps Chamois on the case sheet with the day it left, and reads the days entered', async () => {
    const acc = await belfort();
    const agent = await loginDemo('coordination@jalons.test');
    const sheet = (await agent.get(`/accompaniments/${acc.id}/case-sheet`).expect(200)).text;
    // As precisely as the published sheet knows them: the month it left; no day for the relay (issue 21).
    expect(sheet).toContain('(sortie : novembre 2016)');
    expect(sheet).not.toContain('1er décembre 2016');
    // The relay's receipt and the checkpoint held have their day; the checkpoints count from the close-out entered.
    expect(await t.db('handoffs').where({ accompaniment_id: acc.id }).first('acknowledged_on')).toEqual({
      acknowledged_on: '2016-12-05',
    });
    const checkpoints = await t
      .db('follow_up_checkpoints')
      .where({ accompaniment_id: acc.id })
      .orderBy('offset_months')
      .select('due_on', 'held_on');
    expect(checkpoints[0]).toEqual({ due_on: '2017-05-15', held_on: '2017-05-15' });
  });

  it('adds smaller fictional cases in other states', async () => {
    const states = await t.db('accompaniments').whereNot({ title: BELFORT_TITLE }).pluck('state');
    // closed: the individual consultancy of 2025 before a collective one (seeds/pathways.ts); delivery:
    // the Ateliers du Salbert's, invoiced by phase (seeds/operator-year.ts).
    expect(new Set(states)).toEqual(new Set(['intake', 'diagnostic', 'consultation', 'delivery', 'closed']));
  });

  it('can be loaded again without duplicating anything', async () => {
    const count = async () => (await t.db('accompaniments').count('* as n').first())!.n;
    const tables = [
      'sessions',
      'session_attendees',
      'steering_committee_members',
      'working_groups',
      'working_group_members',
      'action_items',
      'structure_contacts',
      'conventions',
      'convention_signatures',
      'deliverables',
      'deliverable_versions',
      'deliverable_comments',
      'progress_reports',
      'progress_report_recipients',
      'documents',
      'intake_requests',
      'intake_request_transitions',
      'pathways',
      'pathway_actions',
      'pathway_checkpoints',
      'support_committee_meetings',
      'support_committee_items',
    ];
    const counts = async () => Promise.all(tables.map(async (table) => (await t.db(table).count('* as n').first())!.n));
    const before = await count();
    const beforeMeetings = await counts();
    await seed(t.db, { storage: createStorage(t.deps.config) });
    expect(await count()).toBe(before);
    expect(await counts()).toEqual(beforeMeetings);
    expect(
      await t
        .db('users')
        .whereIn(
          'email',
          DEMO_ACCOUNTS.map((a) => a.email),
        )
        .count('* as n')
        .first(),
    ).toEqual({ n: String(DEMO_ACCOUNTS.length) });
  });

  it('shows the case to the coordinator, the selected provider, the funder and the beneficiary', async () => {
    const acc = await belfort();
    for (const email of [
      'coordination@jalons.test',
      'direction@jalons.test',
      'prestataire@jalons.test',
      'financeur@jalons.test',
      'structure@jalons.test',
    ]) {
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
