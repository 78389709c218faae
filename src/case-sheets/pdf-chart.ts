import type { Chart } from '../phases/chart';
import type { Pdf } from '../platform/pdf';
import { fr, plain } from '../platform/pdf';

const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });

// Same geometry as the web picture (src/phases/chart.ts), scaled to the page and drawn with
// pdfkit's vector commands: planned bars thin and grey, actual bars thick and coloured by status.
const COLOURS = { planned: '#b8bec8', done: '#2e7d4f', in_progress: '#1f5fa8', notStarted: '#9aa3ad' } as const;

export function drawPhaseChart(doc: Pdf, chart: Chart) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const s = width / chart.width;
  const height = (chart.height - 20) * s + 30;
  if (doc.y > doc.page.height - doc.page.margins.bottom - height) doc.addPage();
  const top = doc.y;
  const X = (x: number) => left + x * s;
  const Y = (y: number) => top + y * s;

  doc.save().fontSize(7).fillColor('#555555');
  for (const tick of chart.ticks) {
    doc
      .moveTo(X(tick.x), Y(chart.axisY - 8))
      .lineTo(X(tick.x), Y(chart.height - 20))
      .lineWidth(0.4)
      .strokeColor('#d0d4da')
      .stroke();
    const label = chart.yearTicks ? tick.date.slice(0, 4) : shortMonth.format(new Date(`${tick.date}T00:00:00Z`));
    doc.text(plain(label), X(tick.x) + 2, Y(chart.axisY - 22), { lineBreak: false });
  }
  for (const row of chart.rows) {
    doc
      .fillColor('#222222')
      .fontSize(8)
      .text(plain(`${row.phase.position}. ${row.phase.name}`), X(chart.plotLeft), Y(row.y + 2), { lineBreak: false });
    if (row.planned) {
      const w = Math.max(row.planned.width * s, 2);
      doc.rect(X(row.planned.x), Y(row.y + 20), w, 8 * s).fill(COLOURS.planned);
    }
    if (row.actual) {
      const colour =
        row.phase.status === 'done'
          ? COLOURS.done
          : row.phase.status === 'in_progress'
            ? COLOURS.in_progress
            : COLOURS.notStarted;
      const w = Math.max(row.actual.width * s, 3);
      doc.rect(X(row.actual.x), Y(row.y + 32), w, 14 * s).fill(colour);
    }
  }
  // Legend, so the picture reads without colour too.
  const ly = Y(chart.height - 14);
  doc.rect(left, ly, 14, 4).fill(COLOURS.planned);
  doc
    .fillColor('#222222')
    .fontSize(8)
    .text(fr('caseSheets.chart.planned'), left + 18, ly - 2, { lineBreak: false });
  doc.rect(left + 80, ly - 2, 14, 7).fill(COLOURS.done);
  doc.fillColor('#222222').text(fr('caseSheets.chart.actual'), left + 98, ly - 2, { lineBreak: false });
  doc.restore();
  // Fonts and colours are not part of pdfkit's saved graphics state: back to the body text's.
  doc.font('Helvetica').fontSize(10.5).fillColor('#000000');
  doc.x = left;
  doc.y = ly + 16;
}
