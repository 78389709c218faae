import ExcelJS from 'exceljs';
import type request from 'supertest';
import { csvCell } from '../../src/indicators/csv';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { buildDataset, YEAR_2026 } from './dataset';

let t: TestApp;
let d: Awaited<ReturnType<typeof buildDataset>>;
beforeAll(async () => {
  t = await createTestApp();
  d = await buildDataset(t.db);
});
afterAll(() => t.close());

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('CSV export', () => {
  it('holds the same figures as the page, for French Excel, and one line per case received', async () => {
    const { agent } = await loginAs(t.app, d.users.coordinatorX.email);
    const res = await agent.get(`/indicators.csv?${YEAR_2026}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="indicateurs-2026-01-01-2026-12-31.csv"');
    const text = (res.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    // Same hand-computed figures as test/indicators/indicators.test.ts.
    expect(lines).toContain('Reçus;4;3;1;3');
    expect(lines).toContain('Diagnostiqués;3;1;2;4');
    expect(lines).toContain('Accompagnés;3;1;2;4');
    expect(lines).toContain('Salariés;35');
    expect(lines).toContain('Salariés en insertion;21');
    expect(lines).toContain('Association loi 1901;2');
    expect(lines).toContain('gouvernance;2');
    expect(lines).toContain('Jours consommés;4,5');
    expect(lines).toContain('Coût moyen par jour (€);888,89');
    expect(lines).toContain('Accueil → diagnostic validé;3;15;18,3');
    expect(lines).toContain('Financeur Un;État (DREETS / DDETS);2;6000');
    expect(lines).toContain('Total;;;8000');
    // The detail: A1..A4 in id order; A0 (received the day before the period) and B1 (another operator) are not there.
    const header = lines.indexOf(
      'N°;Intitulé;Opérateur;Étape actuelle;Type;Département;Date d’accueil;Structures bénéficiaires;Salariés;Salariés en insertion;Jours contractualisés;Jours consommés;Montant (€);Prestataire',
    );
    expect(header).toBeGreaterThan(0);
    const detail = lines.slice(header + 1).filter(Boolean);
    expect(detail).toEqual([
      `${d.acc.a1};A1 individuel;DLA X;Restitution / bilan;Individuel;90;2026-01-10;1;20;15;5;3,5;5000;Cabinet Un`,
      `${d.acc.a2};A2 collectif;DLA X;Mise en œuvre;Collectif;25;2026-03-01;3;35;21;4;1;3000;Cabinet Deux`,
      `${d.acc.a3};A3 abandonné;DLA X;Abandonné;Individuel;90;2026-11-15;1;5;0;;0;;`,
      `${d.acc.a4};A4 dernier jour;DLA X;Accueil;Individuel;90;2026-12-31;0;0;0;;0;;`,
    ]);
  });

  it('quotes what would break a line and neutralises formulas', () => {
    expect(csvCell('Dupont; fils')).toBe('"Dupont; fils"');
    expect(csvCell('Le "GES"')).toBe('"Le ""GES"""');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(6.5)).toBe('6,5');
    expect(csvCell(null)).toBe('');
  });

  it('gives a funder only what it funds', async () => {
    const { agent } = await loginAs(t.app, d.users.funder2.email);
    const text = (
      (await agent.get(`/indicators.csv?${YEAR_2026}`).buffer(true).parse(binary).expect(200)).body as Buffer
    ).toString('utf8');
    expect(text).toContain('\r\nReçus;1;1;0;1\r\n'); // A1 only (A0 was received in 2025)
    expect(text).toContain(`\r\n${d.acc.a1};A1 individuel;`);
    expect(text).not.toContain('A2 collectif');
    expect(text).not.toContain('B1 autre opérateur');
  });
});

describe('XLSX export', () => {
  async function workbook(email: string, query: string) {
    const { agent } = await loginAs(t.app, email);
    const res = await agent.get(`/indicators.xlsx?${query}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
    return wb;
  }
  /** The cells of the row whose first cell is `label`, in the named sheet. */
  function rowOf(wb: ExcelJS.Workbook, sheet: string, label: string | number) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}`);
    let found: unknown[] | null = null;
    ws.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (!found && values[0] === label) found = values;
    });
    return found;
  }

  it('opens with exceljs and holds the same figures, one sheet per table plus the detail', async () => {
    const wb = await workbook(d.users.managerX.email, YEAR_2026);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Synthèse',
      'Répartitions',
      'Ingénieries',
      'Délais',
      'Budget par financeur',
      'Parcours DLA',
      'Parcours – répartitions',
      'Détail',
    ]);
    expect(rowOf(wb, 'Synthèse', 'Reçus')).toEqual(['Reçus', 4, 3, 1, 3]);
    expect(rowOf(wb, 'Synthèse', 'Accompagnés')).toEqual(['Accompagnés', 3, 1, 2, 4]);
    expect(rowOf(wb, 'Synthèse', 'Salariés')).toEqual(['Salariés', 35]);
    expect(rowOf(wb, 'Répartitions', 'Association loi 1901')).toEqual(['Association loi 1901', 2]);
    expect(rowOf(wb, 'Répartitions', '25')).toEqual(['25', 1]);
    expect(rowOf(wb, 'Ingénieries', 'Jours contractualisés')).toEqual(['Jours contractualisés', 9]);
    expect(rowOf(wb, 'Ingénieries', 'Coût moyen par jour (€)')).toEqual(['Coût moyen par jour (€)', 888.89]);
    expect(rowOf(wb, 'Ingénieries', 'Cabinet Un')).toEqual(['Cabinet Un', 1]);
    expect(rowOf(wb, 'Délais', 'Accueil → bilan')).toEqual(['Accueil → bilan', 1, 150, 150]);
    expect(rowOf(wb, 'Budget par financeur', 'Financeur Deux')).toEqual(['Financeur Deux', 'Région', 1, 2000]);
    expect(rowOf(wb, 'Budget par financeur', 'Total')?.[3]).toBe(8000);
    const detail = wb.getWorksheet('Détail')!;
    expect(detail.rowCount).toBe(5); // header + A1..A4
    expect(rowOf(wb, 'Détail', Number(d.acc.a1))).toEqual([
      Number(d.acc.a1),
      'A1 individuel',
      'DLA X',
      'Restitution / bilan',
      'Individuel',
      '90',
      '2026-01-10',
      1,
      20,
      15,
      5,
      3.5,
      5000,
      'Cabinet Un',
    ]);
  });

  it('lets an admin export one operator, the same as its own staff', async () => {
    const wb = await workbook(d.users.admin.email, `${YEAR_2026}&operator=${d.opY.id}`);
    expect(rowOf(wb, 'Synthèse', 'Reçus')).toEqual(['Reçus', 1, 0, 1, 1]); // B1 only
    expect(wb.getWorksheet('Détail')!.rowCount).toBe(2);
  });
});
