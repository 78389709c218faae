import { barChart } from '../indicators/charts';
import { bodyOf, type Cell, type Section, type Table } from '../indicators/tables';
import { createPdf, ensureRoom, fr, heading, num, plain, type Pdf } from '../platform/pdf';

/**
 * The annual report as a PDF (pdfkit, like the case sheets and progress reports): the same sections
 * and tables as the page, each chart drawn as bars with its table below. In French, as every
 * document Jalons sends outside.
 */
const cellText = (c: Cell) => (c === null ? '—' : typeof c === 'number' ? num(c) : plain(c));

function drawBars(doc: Pdf, table: Table) {
  if (!table.chart) return;
  const { label, value } = table.chart;
  const chart = barChart(
    table.rows.map((r) => ({ label: String(r[label]), value: typeof r[value] === 'number' ? r[value] : null })),
    (n) => num(n),
  );
  if (!chart) return;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const s = width / chart.width;
  ensureRoom(doc, chart.height * s + 20);
  const top = doc.y;
  doc.save().fontSize(8);
  for (const b of chart.bars) {
    const y = top + b.y * s;
    doc
      .fillColor('#222222')
      .text(plain(b.label), left, y + 1, { width: (chart.labelWidth - 8) * s, align: 'right', lineBreak: false });
    doc.rect(left + chart.labelWidth * s, y, Math.max(b.width * s, 1), chart.barHeight * s).fill('#1f5fa8');
    doc
      .fillColor('#222222')
      .text(plain(b.display), left + (chart.labelWidth + b.width + 6) * s, y + 1, { lineBreak: false });
  }
  doc.restore();
  doc.font('Helvetica').fontSize(10.5).fillColor('#000000');
  doc.x = left;
  doc.y = top + chart.height * s + 8;
}

function drawTable(doc: Pdf, table: Table) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const n = table.headers.length;
  const first = n > 1 ? Math.max(width * 0.4, width - (n - 1) * 70) : width;
  const other = n > 1 ? (width - first) / (n - 1) : 0;
  const row = (cells: Cell[], bold: boolean) => {
    ensureRoom(doc, 24);
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    let bottom = y;
    cells.forEach((c, i) => {
      const x = i === 0 ? left : left + first + (i - 1) * other;
      const w = i === 0 ? first - 6 : other - 4;
      doc.text(cellText(c), x, y, { width: w, align: i === 0 ? 'left' : 'right' });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = left;
    doc.y = bottom + 2;
  };
  row(table.headers, true);
  for (const cells of bodyOf(table)) row(cells, cells === table.footer);
  doc.font('Helvetica').fontSize(10.5);
}

export async function renderAnnualReportPdf(r: { title: string; subtitle: string; sections: Section[] }) {
  const { doc, done } = await createPdf({ title: r.title, subject: r.subtitle });
  doc.font('Helvetica-Bold').fontSize(18).text(plain(r.title));
  doc.moveDown(0.3).font('Helvetica').fontSize(11).fillColor('#333333').text(plain(r.subtitle));
  doc.moveDown(0.3).fontSize(9).text(fr('annualReport.pdf.source'));
  doc.fillColor('#000000').fontSize(10.5);
  for (const section of r.sections) {
    ensureRoom(doc, 120);
    heading(doc, plain(section.title));
    for (const table of section.tables) {
      ensureRoom(doc, 80);
      doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10).text(plain(table.title)).moveDown(0.2);
      doc.font('Helvetica').fontSize(10.5);
      if (!table.rows.length) {
        doc.font('Helvetica-Oblique').text(fr('annualReport.none')).font('Helvetica');
        continue;
      }
      drawBars(doc, table);
      drawTable(doc, table);
    }
  }
  doc.end();
  return done;
}
