/** The case sheet's horizontal timeline of who acts when (pdf.ts places it on the implementation's page). */
import { fr, type Pdf } from '../platform/pdf';
import { wrapText, type ColumnFlow } from '../platform/pdf/columns';
import type { Timeline } from './content';
import { BLUE, P } from './pdf-page';

// Always in French, as the sheet is (pdf.ts).
const t = fr;

const BAR = 27;
const FILL = { operator: '#e3ebf6', provider: '#dcebd9', relay: '#f6e9d2' } as const;

/**
 * The horizontal timeline across the page: the boxes in order, each with the date it starts
 * above it (and its end, when recorded), the outcome in the sheet's colour; below, the band of
 * each actor over its boxes, then « Accompagnement DLA » over the operator's and provider's boxes
 * and « Post-accompagnement DLA » over the relay's and the outcome.
 */
export function timeline(doc: Pdf, flow: ColumnFlow, tl: Timeline) {
  const n = tl.boxes.length;
  const gap = 10;
  const width = flow.fullWidth;
  const w = (width - gap * (n - 1)) / n;
  doc.font('Helvetica-Bold').fontSize(7.5);
  const labels = tl.boxes.map((b) => wrapText(doc, P(b.label), w - 8));
  const boxH = Math.max(...labels.map((l) => l.length)) * 9 + 10;
  const bandsH = BAR * 2 + 10;
  const height = 36 + boxH + 6 + bandsH;
  flow.band(height, (x0, y0) => {
    doc.font('Helvetica-Bold').fontSize(9).fillColor(BLUE);
    doc.text(P(t('caseSheets.timeline')), x0, y0, { lineBreak: false });
    const top = y0 + 36;
    tl.boxes.forEach((b, i) => {
      const x = x0 + i * (w + gap);
      const dates = [b.date, b.end].filter(Boolean).join(' – ');
      if (dates) {
        doc.font('Helvetica-Bold').fontSize(7).fillColor('#333333');
        const dl = wrapText(doc, P(dates), w).slice(0, 2);
        dl.forEach((l, j) => doc.text(l, x, top - 4 - (dl.length - j) * 8, { lineBreak: false }));
      }
      const step = tl.bands.find((band) => i >= band.from && i <= band.to);
      const fill = b.outcome ? BLUE : step ? FILL[step.actor] : '#eeeeee';
      doc.save().roundedRect(x, top, w, boxH, 3).fill(fill).restore();
      doc
        .font('Helvetica-Bold')
        .fontSize(7.5)
        .fillColor(b.outcome ? '#ffffff' : '#1a1a1a');
      labels[i].forEach((l, j) => doc.text(l, x + 4, top + 5 + j * 9, { lineBreak: false }));
      if (i < n - 1) {
        const ax = x + w + 2;
        const ay = top + boxH / 2;
        doc
          .save()
          .moveTo(ax, ay - 4)
          .lineTo(ax + gap - 4, ay)
          .lineTo(ax, ay + 4)
          .fill('#888888')
          .restore();
      }
    });
    const bar = (from: number, to: number, y: number, text: string, colour: string, textColour: string) => {
      const x = x0 + from * (w + gap);
      const bw = (to - from + 1) * w + (to - from) * gap;
      doc.save().rect(x, y, bw, BAR).fill(colour).restore();
      doc.font('Helvetica-Bold').fontSize(6.5).fillColor(textColour);
      const lines = wrapText(doc, P(text), bw - 6).slice(0, 3);
      const ty = y + (BAR - lines.length * 8) / 2 + 1;
      lines.forEach((l, j) => doc.text(l, x + 3, ty + j * 8, { lineBreak: false }));
    };
    const y1 = top + boxH + 6;
    for (const band of tl.bands) bar(band.from, band.to, y1, band.label, FILL[band.actor], '#1a1a1a');
    // During the DLA (operator, provider), then after it (relay, outcome).
    const after = tl.boxes.findIndex(
      (b, i) => b.outcome || tl.bands.some((band) => band.actor === 'relay' && i >= band.from && i <= band.to),
    );
    const y2 = y1 + BAR + 4;
    if (after !== 0)
      bar(0, (after === -1 ? n : after) - 1, y2, t('caseSheets.timeline.during').toUpperCase(), '#555555', '#ffffff');
    if (after !== -1) bar(after, n - 1, y2, t('caseSheets.timeline.after').toUpperCase(), '#888888', '#ffffff');
    return y2 + BAR - y0;
  });
}
