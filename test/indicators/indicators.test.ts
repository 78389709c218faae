import { detailRows } from '../../src/indicators/detail';
import { computeIndicators, type Indicators } from '../../src/indicators/queries';
import type { SessionUser } from '../../src/platform/auth/session-user';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { buildDataset, YEAR_2026 } from './dataset';

let t: TestApp;
let d: Awaited<ReturnType<typeof buildDataset>>;
beforeAll(async () => {
  t = await createTestApp();
  d = await buildDataset(t.db);
});
afterAll(() => t.close());

const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const sessionUser = async (id: string) =>
  await t
    .db('users as u')
    .join('organisations as o', 'o.id', 'u.organisation_id')
    .where('u.id', id)
    .first<SessionUser>('u.*', 'o.kind as organisation_kind');
const figures = async (userId: string, operatorId: string | null = null): Promise<Indicators> =>
  computeIndicators(t.db, { user: await sessionUser(userId), operatorId }, YEAR);
const breakdown = (ind: Indicators, dim: string) =>
  Object.fromEntries(ind.breakdowns.filter((b) => b.dimension === dim).map((b) => [b.key ?? '∅', b.count]));

describe('indicators of an operator, computed by hand', () => {
  it('counts received, diagnosed and accompanied cases and their structures', async () => {
    const ind = await figures(d.users.coordinatorX.id);
    // received = intake in 2026: A1 (ind), A2 (coll), A3 (ind), A4 (ind, 31 Dec); A0 (31 Dec 2025) is out.
    // structures: A1 {S1} ∪ A2 {S1,S2,S3} ∪ A3 {S3} ∪ A4 {} = {S1,S2,S3} = 3
    expect(ind.milestones.received).toEqual({ total: 4, individual: 3, collective: 1, structures: 3 });
    // diagnosed = left 'diagnostic' (not to abandoned) in 2026: A0 (15 Jan), A1 (9 Feb), A2 (11 Mar); A3 was abandoned.
    // individual: A1 = 1; collective: A0, A2 = 2; structures {S4} ∪ {S1} ∪ {S1,S2,S3} = 4
    expect(ind.milestones.diagnosed).toEqual({ total: 3, individual: 1, collective: 2, structures: 4 });
    // accompanied = entered 'delivery' in 2026: A0 (14 Feb), A1 (11 Mar), A2 (10 Apr)
    expect(ind.milestones.accompanied).toEqual({ total: 3, individual: 1, collective: 2, structures: 4 });
  });

  it('adds up the jobs of the distinct structures received', async () => {
    const ind = await figures(d.users.coordinatorX.id);
    // S1 + S2 + S3 (S1 counted once although in A1 and A2): employees 20 + 10 + 5 = 35, insertion 15 + 6 + 0 = 21
    expect(ind.jobs).toEqual({ structures: 3, employees: 35, insertion: 21 });
  });

  it('breaks the received cases down by legal form, SIAE type, sector, theme and département', async () => {
    const ind = await figures(d.users.coordinatorX.id);
    expect(breakdown(ind, 'legal_form')).toEqual({ association: 2, scic: 1 }); // S1, S3 | S2
    expect(breakdown(ind, 'siae_type')).toEqual({ ACI: 1, EI: 1, '∅': 1 }); // S1 | S2 | S3
    expect(breakdown(ind, 'sector')).toEqual({ Environnement: 1, Recyclage: 1, '∅': 1 });
    expect(breakdown(ind, 'theme')).toEqual({ gouvernance: 2, comptabilité: 1 }); // A1, A2 | A1
    expect(breakdown(ind, 'department')).toEqual({ '90': 3, '25': 1 }); // A1, A3, A4 | A2
  });

  it('sums the ingénieries (cases received with a selected provider)', async () => {
    const ind = await figures(d.users.coordinatorX.id);
    // A1 (5 days, 5,000 €, sessions 1.5 + 2) and A2 (4 days, 3,000 €, session 1); A0 is not received in 2026.
    // days 5 + 4 = 9, consumed 1.5 + 2 + 1 = 4.5, euros 8,000, per day 8000 / 9 = 888.89
    expect(ind.ingenieries).toEqual({
      count: 2,
      daysContracted: 9,
      daysConsumed: 4.5,
      euros: 8000,
      eurosPerDay: 888.89,
    });
    expect(ind.providers).toEqual([
      { name: 'Cabinet Deux', count: 1 },
      { name: 'Cabinet Un', count: 1 },
    ]);
  });

  it('measures the lead times whose end falls in the period', async () => {
    const ind = await figures(d.users.coordinatorX.id);
    expect(ind.leadTimes).toEqual([
      // A1 10 Jan → 9 Feb = 30, A2 1 → 11 Mar = 10, A0 31 Dec → 15 Jan = 15: median 15, mean 55 / 3 = 18.3
      { segment: 'intake_diagnostic', count: 3, median: 15, mean: 18.3 },
      // A1 9 Feb → 11 Mar = 30 (February 2026 has 28 days), A2 11 Mar → 10 Apr = 30, A0 15 Jan → 14 Feb = 30
      { segment: 'diagnostic_convention', count: 3, median: 30, mean: 30 },
      // A1 11 Mar → 9 Jun = 20 + 30 + 31 + 9 = 90
      { segment: 'convention_close_out', count: 1, median: 90, mean: 90 },
      // A1 10 Jan → 9 Jun = 21 + 28 + 31 + 30 + 31 + 9 = 150
      { segment: 'intake_close_out', count: 1, median: 150, mean: 150 },
    ]);
  });

  it('groups the budget of the received cases by funder', async () => {
    const ind = await figures(d.users.coordinatorX.id);
    // F1: A1 3,000 + A2 3,000 = 6,000 (2 cases); F2: A1 2,000 (A0's 7,000 is outside the period)
    expect(ind.funders).toEqual([
      { name: 'Financeur Un', funder_type: 'state', accompaniments: 2, amount: 6000 },
      { name: 'Financeur Deux', funder_type: 'region', accompaniments: 1, amount: 2000 },
    ]);
  });

  it('moves with the period: a shorter one keeps only what is dated in it', async () => {
    const ind = await computeIndicators(
      t.db,
      { user: await sessionUser(d.users.coordinatorX.id), operatorId: null },
      { from: '2025-12-31', to: '2026-01-31' },
    );
    // received: A0 (31 Dec 2025) and A1 (10 Jan); diagnosed: A0 (15 Jan) only; accompanied: none
    expect(ind.milestones.received.total).toBe(2);
    expect(ind.milestones.diagnosed.total).toBe(1);
    expect(ind.milestones.accompanied.total).toBe(0);
  });
});

describe('who sees which portfolio', () => {
  it('gives a funder only the cases it funds, whatever the operator', async () => {
    const f1 = await figures(d.users.funder1.id);
    // F1 funds A1, A2 (operator X) and B1 (operator Y): received 3, structures S1, S2, S3, S5
    expect(f1.milestones.received).toEqual({ total: 3, individual: 1, collective: 2, structures: 4 });
    expect(f1.jobs).toEqual({ structures: 4, employees: 135, insertion: 101 }); // 35 + 100, 21 + 80
    const f2 = await figures(d.users.funder2.id);
    // F2 funds A0 (received 2025) and A1: received A1 only; diagnosed A0 and A1
    expect(f2.milestones.received).toEqual({ total: 1, individual: 1, collective: 0, structures: 1 });
    expect(f2.milestones.diagnosed.total).toBe(2);
    expect(f2.jobs).toEqual({ structures: 1, employees: 20, insertion: 15 });
  });

  it('keeps each operator to its own cases, and lets an admin choose one or all', async () => {
    const y = await figures(d.users.coordinatorY.id);
    expect(y.milestones.received).toEqual({ total: 1, individual: 0, collective: 1, structures: 1 }); // B1 only
    const adminAll = await figures(d.users.admin.id);
    expect(adminAll.milestones.received.total).toBe(5); // A1..A4 + B1
    const adminX = await figures(d.users.admin.id, d.opX.id);
    expect(adminX).toEqual(await figures(d.users.coordinatorX.id));
  });

  it('reads the detail in keyset batches, in id order, without losing a row', async () => {
    const scope = { user: await sessionUser(d.users.coordinatorX.id), operatorId: null };
    const rows = [];
    for await (const r of detailRows(t.db, scope, YEAR, 3)) rows.push(r); // batches of 3: 3 + 1 rows
    expect(rows.map((r) => r.id)).toEqual([d.acc.a1, d.acc.a2, d.acc.a3, d.acc.a4]);
    expect(rows[0]).toMatchObject({
      title: 'A1 individuel',
      operator: 'DLA X',
      beneficiaries: 1,
      employees: 20,
      insertion: 15,
      days_contracted: 5,
      days_consumed: 3.5,
      euros: 5000,
      provider: 'Cabinet Un',
    });
    expect(rows[1]).toMatchObject({
      beneficiaries: 3,
      employees: 35,
      insertion: 21,
      days_consumed: 1,
      provider: 'Cabinet Deux',
    });
  });
});

describe('the indicators page', () => {
  it('shows the figures with accessible charts and their tables', async () => {
    const { agent } = await loginAs(t.app, d.users.managerX.email);
    const res = await agent.get(`/indicators?${YEAR_2026}`).expect(200);
    expect(res.text).toContain('Indicateurs du portefeuille');
    expect(res.text).toMatch(
      /<svg class="ind-chart"[^>]*role="img"[^>]*aria-label="Graphique en barres : Forme juridique/,
    );
    expect(res.text).toMatch(/<th scope="row">Association loi 1901<\/th><td class="num">2<\/td>/);
    expect(res.text).toMatch(/<th scope="row">Coût moyen par jour \(€\)<\/th><td class="num">888,89<\/td>/);
    expect(res.text).toMatch(
      /<th scope="row">Accueil → diagnostic validé<\/th><td class="num">3<\/td><td class="num">15<\/td><td class="num">18,3<\/td>/,
    );
    expect(res.text).toContain('Reçu : accompagnement dont la date d’accueil est dans la période');
    expect(res.text).toContain(`/indicators.xlsx?${YEAR_2026.replace('&', '&amp;')}`);
  });

  it('defaults to the current calendar year', async () => {
    const { agent } = await loginAs(t.app, d.users.coordinatorX.email);
    const res = await agent.get('/indicators').expect(200);
    const year = new Date().getFullYear();
    expect(res.text).toContain(`value="${year}-01-01"`);
    expect(res.text).toContain(`value="${year}-12-31"`);
  });

  it('is refused to providers and beneficiaries', async () => {
    for (const u of [d.users.provider, d.users.beneficiary]) {
      const { agent } = await loginAs(t.app, u.email);
      for (const path of ['/indicators', '/indicators.csv', '/indicators.xlsx']) await agent.get(path).expect(403);
    }
  });

  it('answers bad dates with 422, a French message and the input kept', async () => {
    const { agent } = await loginAs(t.app, d.users.coordinatorX.email);
    const bad = await agent.get('/indicators?from=2026-02-30&to=2026-12-31').expect(422);
    expect(bad.text).toContain('Saisissez une date valide (jj/mm/aaaa).');
    expect(bad.text).toContain('value="2026-02-30"');
    const reversed = await agent.get('/indicators?from=2026-06-01&to=2026-01-31').expect(422);
    expect(reversed.text).toContain('La date de fin doit suivre la date de début.');
    expect(reversed.text).toContain('value="2026-06-01"');
    expect(reversed.text).toContain('value="2026-01-31"');
    expect(reversed.text).not.toContain('ind-chart');
    await agent.get('/indicators.csv?from=nonsense&to=2026-12-31').expect(422);
  });
});
