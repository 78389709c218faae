import ExcelJS from 'exceljs';
import type request from 'supertest';
import { NATIONAL_FIELDS } from '../../src/annual-report/national-fields';
import { computeAnnualReport } from '../../src/annual-report/queries';
import { computePathwayFigures } from '../../src/indicators/pathways';
import { findSessionUser } from '../../src/platform/auth/session-user';
import { localToday } from '../../src/platform/dates';
import { buildAnnualReportDataset } from '../factories/annual-report';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { pdfText } from '../support/pdf-text';

let t: TestApp;
let d: Awaited<ReturnType<typeof buildAnnualReportDataset>>;
beforeAll(async () => {
  t = await createTestApp();
  d = await buildAnnualReportDataset(t.db);
});
afterAll(() => t.close());

const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
// French number formatting puts narrow no-break spaces in numbers: compared with plain spaces.
const spaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const html = (s: string) =>
  spaces(s)
    .replace(/&#39;/g, '’')
    .replace(/&rsquo;/g, '’')
    .replace(/&amp;/g, '&');

/** The rows of the page's table `id`, as text cells. */
function tableRows(page: string, id: string): string[][] {
  const start = page.indexOf(`aria-labelledby="ind-${id}"`);
  if (start < 0) return [];
  const table = page.slice(start, page.indexOf('</table>', start));
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => html(c[1]).trim()),
  );
}

async function xOf(userId: string) {
  const user = (await findSessionUser(t.db, { id: userId }))!;
  return computeAnnualReport(t.db, user, { kind: 'operator', operatorId: d.opX.id, name: 'DLA X' }, 2026, YEAR);
}

describe('the annual report of an operator, worked out by hand (test/factories/annual-report.ts)', () => {
  it('counts requests and structures welcomed, diagnosed, accompanied, oriented, and breaks the structures down', async () => {
    const f = await xOf(d.users.c1.id);
    // The parcours figures (src/indicators/pathways.ts): the same as test/indicators/pathways.test.ts.
    expect(f.pathways.totals).toMatchObject({ requests: 4, welcomed: 3, diagnosed: 2, accompanied: 3, oriented: 3 });
    // One definition: the indicators' parcours figures of the same year, read by their own statement.
    const user = (await findSessionUser(t.db, { id: d.users.c1.id }))!;
    const indicators = await computePathwayFigures(t.db, { user, operatorId: null }, YEAR);
    expect(f.pathways).toEqual({ totals: indicators.totals, orientations: indicators.orientations });
    // Concerned in 2026: S1 (diagnosed, A1, advice, oriented), S2, S3 (request, oriented), S4 (request), S5 (A0, advice).
    expect(f.concerned).toEqual({ structures: 5, welcomed: 3, diagnosed: 2, accompanied: 3, oriented: 3 });
    const by = (dim: string) =>
      f.breakdowns
        .filter((b) => b.dimension === dim)
        .map(({ key, structures, welcomed, diagnosed, accompanied, oriented }) => [
          key,
          structures,
          welcomed,
          diagnosed,
          accompanied,
          oriented,
        ]);
    // association: S1 (diagnosed, accompanied, oriented), S3 (welcomed, oriented), S5 (accompanied).
    expect(by('legal_form')).toEqual(
      expect.arrayContaining([
        ['association', 3, 1, 1, 2, 2],
        ['scic', 1, 1, 1, 1, 1],
        ['sarl', 1, 1, 0, 0, 0],
      ]),
    );
    expect(by('legal_form')).toHaveLength(3);
    expect(by('sector')).toEqual(
      expect.arrayContaining([
        ['culture', 2, 2, 1, 1, 1], // S2, S4
        ['environnement', 2, 0, 1, 2, 1], // S1, S5
        [null, 1, 1, 0, 0, 1], // S3
      ]),
    );
    // S1: its diagnostic snapshot (20, not the record's 10 nor the later 30); S2: no snapshot by its
    // diagnostic of 11 March (the 15 March one is later): its record's 60; S3: record 0; S4: unknown;
    // S5: its 2025 diagnostic snapshot (8), not its record's 0.
    expect(by('size_class')).toEqual([
      ['0', 1, 1, 0, 0, 1],
      ['1_9', 1, 0, 0, 1, 0],
      ['10_49', 1, 0, 1, 1, 1],
      ['50_249', 1, 1, 1, 1, 1],
      [null, 1, 1, 0, 0, 0],
    ]);
    expect(by('siae_type')[0]).toEqual([null, 2, 2, 1, 1, 1]); // S2, S4
    expect(by('siae_type').slice(1)).toEqual(
      expect.arrayContaining([
        ['ACI', 1, 0, 1, 1, 1],
        ['AI', 1, 0, 0, 1, 0],
        ['EI', 1, 1, 0, 0, 1],
      ]),
    );
  });

  it('sums the jobs at diagnostic, the actions by type and theme, the days and the euros by funder', async () => {
    const f = await xOf(d.users.managerX.id);
    // S1 (20: 5 + 2 + 1 + 12, FTE 15.5, 4 volunteers) and S2 (45: 40 + 5, FTE 40); S5 was diagnosed in 2025.
    expect(f.jobs).toEqual({
      diagnosed: 2,
      structures: 2,
      cdi: 45,
      cdd: 7,
      assisted: 1,
      insertion: 12,
      total: 65,
      fte: 55.5,
      volunteers: 4,
    });
    expect(f.actionTypes).toEqual([
      { type: 'advice', actions: 2, structures: 2, cases: 0, hours: 5.5 },
      { type: 'collective_consultancy', actions: 1, structures: 1, cases: 1, hours: 0 },
      { type: 'individual_consultancy', actions: 2, structures: 2, cases: 2, hours: 0 },
      { type: 'local_offer', actions: 1, structures: 1, cases: 0, hours: 0 },
      { type: 'orientation', actions: 2, structures: 2, cases: 0, hours: 0 },
    ]);
    expect(f.consultancies).toEqual([
      { type: 'collective_consultancy', cases: 1, days: 10, euros: 9000 },
      { type: 'individual_consultancy', cases: 2, days: 10, euros: 7500.5 }, // A0 4 d 3 000 + A1 6 d 4 500,50
    ]);
    expect(f.themes).toEqual([
      { theme: 'gouvernance', cases: 2 },
      { theme: 'modele_economique', cases: 2 },
      { theme: 'zz_theme_libre', cases: 1 },
    ]);
    // Held in 2026: A1 1.5 (10 March), A2 0.5 (1 May), A0 0.25 (23:30 UTC on 31 December = 1 January in
    // Paris); not A1's of 2025, A2's planned one, A0's of 2027.
    expect(f.days).toEqual({ cases: 3, contracted: 20, euros: 16500.5, consumed: 2.25 });
    expect(f.funders).toEqual([
      // F2: its 2026 envelope; A2's 5 000,25 (A0's 1 000 was released); nothing paid.
      {
        name: 'Financeur Deux',
        funderType: 'region',
        envelopes: 20000,
        committed: 5000.25,
        paid: 0,
        cases: 1,
        days: 10,
      },
      // F1: the 2026 envelope only (not 2025's); A1 6 000 + A2 4 000 (A0's dates from 2025); paid in 2026
      // 2 500,10 (A1) + 1 500 (A0's 2025 order): 4 000,10 (the 2027 payment is not there).
      {
        name: 'Financeur Un',
        funderType: 'state',
        envelopes: 50000,
        committed: 10000,
        paid: 4000.1,
        cases: 2,
        days: 16,
      },
    ]);
  });

  it('averages the satisfaction of the year and counts the follow-up outcomes on the four criteria', async () => {
    const f = await xOf(d.users.c2.id);
    expect(f.satisfaction).toEqual({
      surveys: 2, // A1's and A2's; A0's answer dates from 2025
      averages: { score_quality: 4.5, score_listening: 4.5, score_deliverables: 3.5, score_overall: 4.5 },
      overall: [0, 0, 0, 1, 1],
    });
    expect(f.followUp).toEqual([
      { criterion: 'jobs', ratings: { improved: 1, stable: 1, degraded: 0, unknown: 0 } },
      { criterion: 'economic_health', ratings: { improved: 0, stable: 1, degraded: 1, unknown: 0 } },
      { criterion: 'strategic_vision', ratings: { improved: 1, stable: 0, degraded: 0, unknown: 0 } },
      { criterion: 'local_partnerships', ratings: { improved: 1, stable: 0, degraded: 0, unknown: 1 } },
    ]);
  });
});

describe('the page, its PDF and its XLSX', () => {
  it('shows the figures with their charts and tables, labels from the national lists, to a coordinator', async () => {
    const { agent } = await loginAs(t.app, d.users.c1.email);
    // A coordinator asking for the whole country still gets its own operator.
    const res = await agent.get('/annual-report?year=2026&scope=national').expect(200);
    const page = html(res.text);
    expect(page).toContain('DLA X – année 2026');
    expect(page).toContain('pas un format certifié');
    expect(tableRows(page, 'funnel').slice(1)).toEqual([
      ['Demandes reçues', '4'],
      ['Structures accueillies', '3'],
      ['Structures diagnostiquées', '2'],
      ['Structures accompagnées', '3'],
      ['Structures orientées', '3'],
    ]);
    // Each chart is an image described as such, followed by its table.
    expect(page).toMatch(
      /<svg class="ind-chart"[^>]*role="img" aria-label="Graphique en barres : Demandes et structures/,
    );
    expect(tableRows(page, 'by-legal-form')).toEqual(
      expect.arrayContaining([
        ['Association loi 1901', '3', '1', '1', '2', '2'],
        ['SARL', '1', '1', '0', '0', '0'],
        ['Total', '5', '3', '2', '3', '3'],
      ]),
    );
    expect(tableRows(page, 'by-size-class').slice(1)).toEqual([
      ['0 salarié', '1', '1', '0', '0', '1'],
      ['1 à 9 salariés', '1', '0', '0', '1', '0'],
      ['10 à 49 salariés', '1', '0', '1', '1', '1'],
      ['50 à 249 salariés', '1', '1', '1', '1', '1'],
      ['Non renseigné', '1', '1', '0', '0', '0'],
      ['Total', '5', '3', '2', '3', '3'],
    ]);
    expect(tableRows(page, 'themes').slice(1)).toEqual([
      ['Gouvernance', '2'],
      ['Modèle économique', '2'],
      ['zz_theme_libre', '1'],
    ]);
    expect(tableRows(page, 'funders').slice(1)).toEqual([
      ['Financeur Deux', '20 000', '5 000,25', '0', '1', '10'],
      ['Financeur Un', '50 000', '10 000', '4 000,1', '2', '16'],
      ['Total', '70 000', '15 000,25', '4 000,1', '', ''],
    ]);
    expect(tableRows(page, 'days-consumed').slice(1)).toEqual([
      ['Jours consommés (séances tenues dans l’année)', '2,25'],
    ]);
    expect(tableRows(page, 'follow-up')[1]).toEqual(['Emploi', '1', '1', '0', '0']);
    // The nav leads there.
    expect(page).toContain('href="/annual-report"');
  });

  it('gives the same figures as a PDF, in French', async () => {
    const { agent } = await loginAs(t.app, d.users.managerX.email);
    const res = await agent.get('/annual-report.pdf?year=2026').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = spaces(await pdfText(res.body as Buffer));
    expect(text).toContain('Rapport d’activité annuel');
    expect(text).toContain('DLA X – année 2026');
    expect(text).toMatch(/Demandes reçues 4/);
    expect(text).toMatch(/Financeur Un 50 000 10 000 4 000,1 2 16/);
    expect(text).toMatch(/Emplois \(total\) 65/);
  });

  it('gives a sheet per section and the national rows in the XLSX', async () => {
    const { agent } = await loginAs(t.app, d.users.managerX.email);
    const res = await agent.get('/annual-report.xlsx?year=2026').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="rapport-activite-2026.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Activité',
      'Structures',
      'Emplois au diagnostic',
      'Actions',
      'Jours et euros',
      'Satisfaction',
      'Suivi après accompagnement',
      'Export national',
    ]);
    const values = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .filter(Boolean)
        .map((r) => (r as unknown[]).slice(1));
    expect(values('Emplois au diagnostic')).toEqual(expect.arrayContaining([['Emplois (total)', 65]]));
    expect(values('Jours et euros')).toEqual(expect.arrayContaining([['Financeur Un', 50000, 10000, 4000.1, 2, 16]]));
    expect(values('Export national')).toHaveLength(6); // the header and S1..S5
  });

  it('exports the national rows with the columns of the documented mapping', async () => {
    const { agent } = await loginAs(t.app, d.users.c1.email);
    const res = await agent.get('/annual-report/national.xlsx?year=2026').buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
    const rows = wb.worksheets[0]
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(NATIONAL_FIELDS.map((f) => f.label));
    const col = (label: string) => NATIONAL_FIELDS.findIndex((f) => f.label === label);
    const s1 = rows.find((r) => r[col('Raison sociale')] === 'S1')!;
    const cell = (label: string) => s1[col(label)] ?? null;
    expect(cell('Année')).toBe(2026);
    expect(cell('DLA (opérateur)')).toBe('DLA X');
    expect(cell('Région')).toBe('Bourgogne-Franche-Comté');
    expect(cell('Forme juridique')).toBe('Association loi 1901');
    expect(cell('Tranche d’effectif')).toBe('10 à 49 salariés');
    expect(cell('Demandes reçues')).toBe(0); // R1 was received in 2025
    expect(cell('Date d’accueil')).toBeNull();
    expect(cell('Date du diagnostic')).toBe('2026-01-25');
    expect(cell('Date d’entrée en accompagnement')).toBe('2026-03-01');
    expect(cell('Orientée vers')).toBe('France Active');
    expect(cell('Types d’action')).toBe('Appui-conseil, Ingénierie individuelle, Orientation');
    expect(cell('Thèmes')).toBe('Gouvernance, Modèle économique');
    expect(cell('Jours d’ingénierie contractualisés')).toBe(6);
    expect(cell('Emplois au diagnostic')).toBe(20);
    expect(cell('ETP au diagnostic')).toBe(15.5);
    expect(
      rows
        .slice(1)
        .map((r) => r[col('Raison sociale')])
        .sort(),
    ).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
  });
});

describe('scopes of an admin', () => {
  it('reports on a region (its operators by département) and on the whole country', async () => {
    const { agent } = await loginAs(t.app, d.users.admin.email);
    const bfc = html((await agent.get('/annual-report?year=2026&scope=region-27').expect(200)).text);
    expect(bfc).toContain('Bourgogne-Franche-Comté – année 2026');
    expect(tableRows(bfc, 'funnel')[1]).toEqual(['Demandes reçues', '4']);
    const idf = html((await agent.get('/annual-report?year=2026&scope=region-11').expect(200)).text);
    expect(tableRows(idf, 'funnel').slice(1, 3)).toEqual([
      ['Demandes reçues', '1'],
      ['Structures accueillies', '1'],
    ]);
    const all = html((await agent.get('/annual-report?year=2026&scope=national').expect(200)).text);
    expect(all).toContain('France entière (tous les opérateurs) – année 2026');
    expect(tableRows(all, 'funnel').slice(1, 3)).toEqual([
      ['Demandes reçues', '5'],
      ['Structures accueillies', '4'],
    ]);
    // Corsica has no operator here: every figure is zero, nothing of X or Y leaks in.
    const corse = html((await agent.get('/annual-report?year=2026&scope=region-94').expect(200)).text);
    expect(
      tableRows(corse, 'funnel')
        .slice(1)
        .map((r) => r[1]),
    ).toEqual(['0', '0', '0', '0', '0']);
    expect(corse).not.toContain('Financeur Un');
    const y = html((await agent.get(`/annual-report?year=2026&scope=operator-${d.opY.id}`).expect(200)).text);
    expect(y).toContain('DLA Y – année 2026');
    const national = await agent
      .get('/annual-report/national.csv?year=2026&scope=national')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const lines = (national.body as Buffer).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(8); // the title, the header, S1..S5 at X and S6 at Y
    expect(lines.find((l) => l.includes(';S6;'))).toContain('DLA Y;75;Île-de-France');
  });
});

describe('who may read it, and bad input', () => {
  it('refuses funders, providers and relays (403) and sends a visitor to the login', async () => {
    for (const user of [d.users.funder1, d.users.provider, d.users.relay]) {
      const { agent } = await loginAs(t.app, user.email);
      await agent.get('/annual-report?year=2026').expect(403);
      await agent.get('/annual-report.xlsx?year=2026').expect(403);
      await agent.get('/annual-report/national.csv?year=2026').expect(403);
    }
    const { agent } = await loginAs(t.app, d.users.funder1.email);
    expect((await agent.get('/').expect(200)).text).not.toContain('href="/annual-report"');
  });

  it('refuses a year that is not one with a French message next to the field, the input kept (422)', async () => {
    const { agent } = await loginAs(t.app, d.users.c1.email);
    for (const year of ['abc', '1800', '20266']) {
      const res = await agent.get(`/annual-report?year=${year}`).expect(422);
      const page = html(res.text);
      expect(page).toContain('Saisissez une année à quatre chiffres, entre 2000 et l’année en cours.');
      expect(page).toContain(`value="${year}"`);
    }
    await agent.get('/annual-report.pdf?year=abc').expect(422);
    await agent.get('/annual-report.xlsx?year=1800').expect(422);
    await agent.get('/annual-report/national.xlsx?year=abc').expect(422);
  });

  it('refuses an unknown region or operator to an admin (422), and defaults to last year', async () => {
    const { agent } = await loginAs(t.app, d.users.admin.email);
    for (const scope of ['region-99', 'operator-999999', 'nowhere', `operator-${d.funders.f1}`]) {
      const res = await agent.get(`/annual-report?year=2026&scope=${scope}`).expect(422);
      expect(html(res.text)).toContain('Choisissez un périmètre de la liste.');
    }
    const res = await agent.get('/annual-report').expect(200);
    const lastYear = String(Number(localToday().slice(0, 4)) - 1);
    expect(html(res.text)).toContain(`value="${lastYear}"`);
  });
});
