/**
 * The case sheet's page (src/case-sheets/pdf.ts lays out its content): A4 in two columns, the
 * sheet's colour, the running header and page number on every page, the footnotes at the foot of a page.
 */
import { fr, plain, type Pdf } from '../platform/pdf';
import { wrapText, type ColumnFlow, type PageGeometry } from '../platform/pdf/columns';
import { SUP, typo } from './typography';

// Always in French, as the sheet is (pdf.ts).
const t = fr;
export const BLUE = '#1f5fa8';
export const A4: PageGeometry = {
  width: 595.28,
  height: 841.89,
  top: 64,
  bottom: 800,
  left: 42,
  right: 42,
  columns: 2,
  gutter: 20,
};
export const CASE_SHEET_GEOMETRY = A4;

/** A typed text as the PDF prints it: French typography, in the fonts' characters. */
export const P = (s: string) => plain(typo(s));

/** The running header (the kicker and the case's title) and the page number, on every page. */
export function runningHeader(doc: Pdf, title: string, page: number) {
  const g = A4;
  doc.save();
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor(BLUE);
  doc.text(P(t('caseSheets.kicker').toUpperCase()), g.left, 26, { lineBreak: false });
  doc.font('Helvetica').fontSize(7.5).fillColor('#444444');
  doc.text(P(title), g.left, 36, { lineBreak: false });
  doc
    .moveTo(g.left, 48)
    .lineTo(g.width - g.right, 48)
    .lineWidth(0.6)
    .strokeColor(BLUE)
    .stroke();
  const n = P(t('caseSheets.pageNumber', { n: page }));
  doc.font('Helvetica').fontSize(8).fillColor('#444444');
  doc.text(n, (g.width - doc.widthOfString(n)) / 2, g.height - 28, { lineBreak: false });
  doc.restore();
}

/** The footnotes at the foot of the current page, numbered; the columns stop above them. */
export function footnotes(doc: Pdf, flow: ColumnFlow, notes: string[]) {
  doc.font('Helvetica').fontSize(7.5);
  const lines = notes.map((n, i) => wrapText(doc, P(`${SUP[i + 1] ?? `(${i + 1})`} ${n}`), flow.fullWidth));
  const height = lines.reduce((h, l) => h + l.length * 9.5, 0) + 10;
  flow.reserve(height + 6);
  let y = A4.bottom - height + 6;
  doc
    .save()
    .moveTo(A4.left, y - 4)
    .lineTo(A4.left + 120, y - 4)
    .lineWidth(0.5)
    .strokeColor('#888888')
    .stroke()
    .restore();
  doc.font('Helvetica').fontSize(7.5).fillColor('#333333');
  for (const l of lines.flat()) {
    doc.text(l, A4.left, y, { lineBreak: false });
    y += 9.5;
  }
}
