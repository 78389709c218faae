import ExcelJS from 'exceljs';
import type request from 'supertest';
import { computePathwayFigures, type PathwayFigures } from '../../src/indicators/pathways';
import { findSessionUser } from '../../src/platform/auth/session-user';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { buildPathwayDataset } from './pathway-dataset';

let t: TestApp;
let d: Awaited<ReturnType<typeof buildPathwayDataset>>;
beforeAll(async () => {
  t = await createTestApp();
  d = await buildPathwayDataset(t.db);
});
afterAll(() => t.close());

const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const figures = async (userId: string, period = YEAR, operatorId: string | null = null): Promise<PathwayFigures> =>
  computePathwayFigures(t.db, { user: (await findSessionUser(t.db, { id: userId }))!, operatorId }, period);

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('parcours figures of an operator, worked out by hand (test/indicators/pathway-dataset.ts)', () => {
  it('counts requests, structures welcomed, diagnosed, accompanied, oriented and the appui-conseil hours', async () => {
    const p = await figures(d.users.c1.id);
    expect(p.totals).toEqual({
      requests: 4, // R2, R3, R4, R5 (R1 was received on 20 December 2025)
      welcomed: 3, // S2 (twice), S3, S4; P3 opened without a request in 2025
      diagnosed: 2, // P1 (25 Jan), P2 through A2's collective diagnostic (11 Mar); P3's was in 2025
      accompanied: 3, // A1 (S1), A2 (S2), A0 (S5) started in 2026
      oriented: 3, // S3 by its request, S1 and S2 by an orientation action
      adviceHours: 5.5, // P1 3.5 + P3 2; P3's planned 4 h has not started; Y's 10 h is another operator's
    });
  });

  it('gives the orientations by partner, the actions by type and the committee opinions by kind', async () => {
    const p = await figures(d.users.c2.id);
    expect(p.orientations).toEqual([
      { partner: 'France Active', structures: 2 }, // S3 (request), S1 (action)
      { partner: 'URSIEA', structures: 1 }, // S2
    ]);
    expect(p.actions).toEqual([
      { kind: 'consultancy', actions: 3, pathways: 3, hours: 0 },
      { kind: 'advice', actions: 2, pathways: 2, hours: 5.5 },
      { kind: 'orientation', actions: 2, pathways: 2, hours: 0 },
      { kind: 'local_offer', actions: 1, pathways: 1, hours: 0 },
    ]);
    // P3's favourable opinion of 2025 and Y's unfavourable one are not there; P3's pending item has none.
    expect(p.opinions).toEqual([
      { opinion: 'favorable', items: 1 },
      { opinion: 'favorable_with_reservations', items: 1 },
      { opinion: 'rework', items: 1 },
      { opinion: 'unfavorable', items: 0 },
    ]);
  });

  it('measures the lead times request → diagnostic → first action (median days)', async () => {
    const p = await figures(d.users.managerX.id);
    expect(p.leadTimes).toEqual([
      // P1 20 Dec 2025 → 25 Jan = 36, P2 1 Feb → 11 Mar = 38 (P3's diagnostic is in 2025): median 37
      { segment: 'request_diagnostic', count: 2, median: 37 },
      // P1 25 Jan → 1 Feb = 7, P2 11 Mar → 10 Apr = 30, P3 1 Sep 2025 → 20 Jan = 141: median 30
      { segment: 'diagnostic_action', count: 3, median: 30 },
      // P1 20 Dec → 1 Feb = 43, P2 1 Feb → 10 Apr = 68, P3 opened 1 Jun 2025 → 20 Jan = 233: median 68
      { segment: 'request_action', count: 3, median: 68 },
    ]);
  });

  it('splits the figures per year, per coordinator and per funder', async () => {
    const p = await figures(d.users.c1.id, { from: '2025-01-01', to: '2026-12-31' });
    expect(p.byYear).toEqual([
      // 2025: R1 (S1); welcomed S1 and S5 (P3 opened without a request on 1 June 2025); P3 diagnosed
      { year: 2025, requests: 1, welcomed: 2, diagnosed: 1, accompanied: 0, oriented: 0, adviceHours: 0 },
      { year: 2026, requests: 4, welcomed: 3, diagnosed: 2, accompanied: 3, oriented: 3, adviceHours: 5.5 },
    ]);
    const y = await figures(d.users.c1.id);
    expect(y.byCoordinator).toEqual([
      // C1: R2, R5 (S2's parcours is C1's); P1, P2 diagnosed, accompanied and oriented; P1's 3.5 h
      { name: 'Camille Un', requests: 2, welcomed: 1, diagnosed: 2, accompanied: 2, oriented: 2, adviceHours: 3.5 },
      // C2: R3, R4 (no parcours: their owner); P3 accompanied; S3 oriented by its request; P3's 2 h
      { name: 'Dominique Deux', requests: 2, welcomed: 2, diagnosed: 0, accompanied: 1, oriented: 1, adviceHours: 2 },
    ]);
    expect(y.byFunder).toEqual([
      // F2 funds A2 (P2) and A0 (P3): R2, R5; S2 diagnosed; S2, S5 accompanied; S2 oriented; P3's 2 h
      { name: 'Financeur Deux', requests: 2, welcomed: 1, diagnosed: 1, accompanied: 2, oriented: 1, adviceHours: 2 },
      // F1 funds A1 (P1) and A2 (P2): R2, R5; S1, S2 diagnosed, accompanied, oriented; P1's 3.5 h
      { name: 'Financeur Un', requests: 2, welcomed: 1, diagnosed: 2, accompanied: 2, oriented: 2, adviceHours: 3.5 },
    ]);
  });
});

describe('who sees which parcours figures', () => {
  it('gives a funder only the parcours whose consultancies it funds', async () => {
    const p = await figures(d.users.funder2.id);
    // P2 and P3 only: requests R2, R5 (S2); S3's orientation (no parcours) and P1 are not there
    expect(p.totals).toEqual({
      requests: 2,
      welcomed: 1,
      diagnosed: 1,
      accompanied: 2,
      oriented: 1,
      adviceHours: 2,
    });
    expect(p.byFunder.map((f) => f.name)).toEqual(['Financeur Deux']);
    expect(p.orientations).toEqual([{ partner: 'URSIEA', structures: 1 }]);
    expect(p.opinions.map((o) => o.items)).toEqual([0, 1, 1, 0]);
  });

  it('keeps each operator to its own parcours, and lets an admin choose one or all', async () => {
    const y = await figures(d.users.cy.id);
    expect(y.totals).toEqual({
      requests: 1,
      welcomed: 1,
      diagnosed: 0,
      accompanied: 0,
      oriented: 0,
      adviceHours: 10,
    });
    expect(y.opinions.find((o) => o.opinion === 'unfavorable')?.items).toBe(1);
    const all = await figures(d.users.admin.id);
    expect(all.totals.requests).toBe(5);
    expect(all.totals.adviceHours).toBe(15.5);
    expect(await figures(d.users.admin.id, YEAR, d.opX.id)).toEqual(await figures(d.users.c1.id));
  });

  it.each(['provider', 'relay'] as const)('refuses the pages and the exports to a %s (403)', async (role) => {
    const { agent } = await loginAs(t.app, d.users[role].email);
    await agent.get('/indicators?from=2026-01-01&to=2026-12-31').expect(403);
    await agent.get('/indicators/pathways?from=2026-01-01&to=2026-12-31').expect(403);
    await agent.get('/indicators.xlsx?from=2026-01-01&to=2026-12-31').expect(403);
  });
});

describe('the parcours figures on their own page and in the exports', () => {
  it('links them from the indicators page, which shows the accompaniments only', async () => {
    const { agent } = await loginAs(t.app, d.users.c1.email);
    const res = await agent.get('/indicators?from=2026-01-01&to=2026-12-31').expect(200);
    expect(res.text).toContain(
      '<a href="/indicators/pathways?from=2026-01-01&amp;to=2026-12-31">Voir les indicateurs des parcours DLA',
    );
    expect(res.text).not.toContain('De la demande à l’accompagnement');
    expect(res.text).not.toContain('Structures accueillies');
  });

  it('shows the funnel as a chart and the definitions on the page', async () => {
    const { agent } = await loginAs(t.app, d.users.c1.email);
    const res = await agent.get('/indicators/pathways?from=2026-01-01&to=2026-12-31').expect(200);
    expect(res.text).toContain('<h1>Indicateurs des parcours DLA</h1>');
    expect(res.text).toContain('De la demande à l’accompagnement');
    expect(res.text).toMatch(/<svg class="ind-chart"[^>]*aria-label="[^"]*De la demande à l’accompagnement/);
    expect(res.text).toContain('Structures accueillies');
    expect(res.text).toContain('4 demandes reçues');
    expect(res.text).toContain('Structure accompagnée : au moins une prestation de son parcours a commencé');
    // The same period's way back, and the exports (which carry both pages' figures).
    expect(res.text).toContain('<a href="/indicators?from=2026-01-01&amp;to=2026-12-31">');
    expect(res.text).toContain('/indicators.xlsx?from=2026-01-01&amp;to=2026-12-31');
    expect(res.text).not.toContain('Indicateurs du portefeuille');
  });

  it('keeps the period form on the page: bad dates answer 422, a French message, the input kept', async () => {
    const { agent } = await loginAs(t.app, d.users.c1.email);
    const res = await agent.get('/indicators/pathways?from=2026-06-01&to=2026-01-31').expect(422);
    expect(res.text).toContain('La date de fin doit suivre la date de début.');
    expect(res.text).toContain('value="2026-06-01"');
    expect(res.text).toContain('action="/indicators/pathways"');
    expect(res.text).not.toContain('ind-chart');
  });

  it('lets an admin choose one operator, whose figures are its own', async () => {
    const { agent } = await loginAs(t.app, d.users.admin.email);
    const one = await agent.get(`/indicators/pathways?from=2026-01-01&to=2026-12-31&operator=${d.opX.id}`).expect(200);
    expect(one.text).toContain('4 demandes reçues');
    const all = await agent.get('/indicators/pathways?from=2026-01-01&to=2026-12-31').expect(200);
    expect(all.text).toContain('5 demandes reçues');
  });

  it('writes them to the XLSX, read back with exceljs', async () => {
    const { agent } = await loginAs(t.app, d.users.managerX.email);
    const res = await agent
      .get('/indicators.xlsx?from=2026-01-01&to=2026-12-31')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
    const rows = (sheet: string) => {
      const ws = wb.getWorksheet(sheet);
      if (!ws) throw new Error(`no sheet ${sheet}`);
      const out: unknown[][] = [];
      ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const pw = rows('Parcours DLA');
    expect(pw).toContainEqual(['Demandes reçues', 4]);
    expect(pw).toContainEqual(['Structures accueillies', 3]);
    expect(pw).toContainEqual(['Structures diagnostiquées', 2]);
    expect(pw).toContainEqual(['Structures accompagnées', 3]);
    expect(pw).toContainEqual(['Structures orientées', 3]);
    expect(pw).toContainEqual(['Appui-conseil', 2, 2, 5.5]);
    expect(pw).toContainEqual(['France Active', 2]);
    expect(pw).toContainEqual(['Diagnostic → première action', 3, 30]);
    expect(pw).toContainEqual(['Favorable avec réserves', 1]);
    const by = rows('Parcours – répartitions');
    expect(by).toContainEqual(['2026', 4, 3, 2, 3, 3, 5.5]);
    expect(by).toContainEqual(['Dominique Deux', 2, 2, 0, 1, 1, 2]);
    expect(by).toContainEqual(['Financeur Un', 2, 1, 2, 2, 2, 3.5]);
  });
});
