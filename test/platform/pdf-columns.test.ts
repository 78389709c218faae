import { CASE_SHEET_GEOMETRY } from '../../src/case-sheets/pdf-page';
import { createPdf } from '../../src/platform/pdf';
import { ColumnFlow, columnRects, wrapText } from '../../src/platform/pdf/columns';

// The page model of the column layout (platform/pdf/columns.ts), which the case sheet uses.
describe('columnRects', () => {
  it('splits the case sheet’s A4 page into two equal columns inside the margins, a gutter between', () => {
    const g = CASE_SHEET_GEOMETRY;
    const [left, right] = columnRects(g);
    expect(columnRects(g)).toHaveLength(2);
    expect(left.x).toBe(g.left);
    expect(left.width).toBeCloseTo(right.width, 6);
    expect(right.x - (left.x + left.width)).toBeCloseTo(g.gutter, 6);
    expect(right.x + right.width).toBeCloseTo(g.width - g.right, 6);
  });

  it('gives three columns their own thirds', () => {
    const rects = columnRects({ ...CASE_SHEET_GEOMETRY, columns: 3, gutter: 12 });
    expect(rects.map((r) => Math.round(r.x))).toEqual([42, 216, 391]);
  });
});

describe('ColumnFlow', () => {
  it('flows text down the first column, then the second, then a new page with its header', async () => {
    const { doc, done } = await createPdf({ title: 'Colonnes' });
    const decorated: number[] = [];
    const flow = new ColumnFlow(doc, CASE_SHEET_GEOMETRY, (_d, page) => decorated.push(page));
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      flow.text(`Paragraphe ${i} : un texte assez long pour tenir sur deux lignes dans une colonne de la fiche.`);
      seen.add(`${flow.page}:${flow.col}`);
      expect(flow.y).toBeLessThanOrEqual(flow.bottom + 20);
    }
    expect([...seen].slice(0, 3)).toEqual(['1:0', '1:1', '2:0']);
    expect(decorated.slice(0, 2)).toEqual([1, 2]);
    doc.end();
    expect((await done).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('wraps on spaces, never inside words kept together by a no-break space', async () => {
    const { doc } = await createPdf({ title: 'Mots' });
    doc.font('Helvetica').fontSize(10);
    const lines = wrapText(doc, 'un budget de 7\u00a0000\u00a0€ pour six jours de travail collectif', 80);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.some((l) => l.includes('7\u00a0000\u00a0€'))).toBe(true);
    for (const l of lines)
      expect(doc.widthOfString(l)).toBeLessThanOrEqual(80 + doc.widthOfString('7\u00a0000\u00a0€'));
  });
});
