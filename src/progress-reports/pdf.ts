import { formatDate, type MessageKey } from '../platform/i18n';
import { createPdf, date, ensureRoom, eur, fr, heading, num, plain, typedText, type Pdf } from '../platform/pdf';
import type { ReportContent } from './content';
import { reportTables, type ReportTable } from './tables';
import type { Milestone } from './schemas';

export type ReportText = {
  title: string;
  milestone: Milestone;
  next_steps: string | null;
  risks: string | null;
  comment: string | null;
};

const COLORS = {
  planned: '#9aa5b1',
  actual: { planned: '#cbd2d9', in_progress: '#d97706', done: '#1f7a4d' },
  track: '#e4e7eb',
  fill: '#1d4ed8',
  over: '#b91c1c',
  text: '#1f2933',
};

/** A plain table: bold header row, then rows; a row that would not fit starts a new page. */
function table(doc: Pdf, headers: string[], rows: string[][], widths: number[]) {
  const left = doc.page.margins.left;
  const total = doc.page.width - left - doc.page.margins.right;
  const cols = widths.map((w) => w * total);
  const line = (cells: string[], bold: boolean) => {
    const measure = () => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      return Math.max(...cells.map((c, i) => doc.heightOfString(plain(c), { width: cols[i] - 6 })));
    };
    ensureRoom(doc, measure() + 6);
    const height = measure(); // a new page resets the font: set it again after ensureRoom
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.text(plain(c), x, y, { width: cols[i] - 6 });
      x += cols[i];
    });
    doc.x = left;
    doc.y = y + height + 3;
    doc
      .moveTo(left, doc.y - 1.5)
      .lineTo(left + total, doc.y - 1.5)
      .lineWidth(0.3)
      .strokeColor(COLORS.track)
      .stroke();
  };
  line(headers, true);
  for (const r of rows) line(r, false);
  doc.font('Helvetica').fontSize(10.5).fillColor(COLORS.text);
}

/** The phases picture of views/phases/_chart.ejs, drawn with rectangles on the page's width. */
function phaseTimeline(doc: Pdf, c: ReportContent) {
  const chart = c.phaseChart;
  if (!chart) return;
  const left = doc.page.margins.left;
  const scale = (doc.page.width - left - doc.page.margins.right) / chart.width;
  const h = chart.height * scale;
  ensureRoom(doc, h + 10);
  const top = doc.y;
  const X = (x: number) => left + x * scale;
  const Y = (y: number) => top + y * scale;
  doc.fontSize(7).fillColor(COLORS.text);
  for (const tick of chart.ticks) {
    doc
      .moveTo(X(tick.x), Y(chart.axisY - 8))
      .lineTo(X(tick.x), Y(chart.height - 20))
      .lineWidth(0.3)
      .strokeColor(COLORS.track)
      .stroke();
    // Month and year only ("11/2015"): long month names would overlap at this scale.
    doc.text(formatDate('fr', tick.date, 'short').slice(3), X(tick.x) + 2, Y(chart.axisY - 22), { lineBreak: false });
  }
  for (const row of chart.rows) {
    doc
      .fontSize(8)
      .fillColor(COLORS.text)
      .text(plain(`${row.phase.position}. ${row.phase.name}`), X(chart.plotLeft), Y(row.y + 4), { lineBreak: false });
    if (row.planned)
      doc.rect(X(row.planned.x), Y(row.y + 20), Math.max(row.planned.width * scale, 2), 8 * scale).fill(COLORS.planned);
    if (row.actual)
      doc
        .rect(X(row.actual.x), Y(row.y + 32), Math.max(row.actual.width * scale, 3), 14 * scale)
        .fill(COLORS.actual[row.phase.status]);
  }
  if (chart.today)
    doc
      .moveTo(X(chart.today.x), Y(chart.axisY - 8))
      .lineTo(X(chart.today.x), Y(chart.height - 16))
      .lineWidth(1)
      .strokeColor(COLORS.over)
      .stroke();
  doc.fillColor(COLORS.text).font('Helvetica').fontSize(8);
  doc.text(fr('progressReports.c.timelineDesc'), left, top + h + 2);
  doc.fontSize(10.5).moveDown(0.5);
}

/** The days bar of views/sessions/_days_bar.ejs: contracted days as the track, consumed as the fill, the 80 % mark. */
function daysBar(doc: Pdf, c: ReportContent) {
  const { consumed, contracted } = c.days;
  if (!contracted) return;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const scale = Math.max(contracted, consumed);
  const px = (d: number) => (d / scale) * width;
  ensureRoom(doc, 40);
  const y = doc.y + 4;
  doc.rect(left, y, px(contracted), 16).fill(COLORS.track);
  if (consumed > 0) doc.rect(left, y, px(Math.min(consumed, contracted)), 16).fill(COLORS.fill);
  if (consumed > contracted) doc.rect(left + px(contracted), y, px(consumed - contracted), 16).fill(COLORS.over);
  doc
    .moveTo(left + px(0.8 * contracted), y - 3)
    .lineTo(left + px(0.8 * contracted), y + 19)
    .lineWidth(1)
    .strokeColor(COLORS.text)
    .stroke();
  doc.fillColor(COLORS.text).text('', left, y + 24);
}

/** The report as a PDF (always in French: it goes to funders); a draft is marked on every page. */
export async function renderReportPdf(c: ReportContent, r: ReportText, opts: { draft: boolean }): Promise<Buffer> {
  const { doc, done } = await createPdf({
    title: `${fr('progressReports.pdf.heading')} — ${r.title}`,
    subject: c.acc.title,
  });
  const stamp = () => {
    if (!opts.draft) return;
    const { x, y } = doc;
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor(COLORS.over)
      .text(fr('progressReports.pdf.draft'), doc.page.margins.left, 24, { lineBreak: false });
    doc.font('Helvetica').fontSize(10.5).fillColor(COLORS.text);
    doc.x = x;
    doc.y = y;
  };
  stamp();
  doc.on('pageAdded', stamp);
  const text = (s: string) => doc.text(plain(s));
  const typed = (v: string | null) => typedText(doc, v, { empty: fr('progressReports.c.empty') });

  doc.font('Helvetica-Bold').fontSize(18).text(fr('progressReports.pdf.heading'), { align: 'center' });
  doc.moveDown(0.3).fontSize(13).text(plain(r.title), { align: 'center' });
  doc.moveDown(0.3).font('Helvetica-Oblique').fontSize(11).text(plain(c.acc.title), { align: 'center' });
  doc.moveDown(0.5).font('Helvetica').fontSize(10.5);
  text(fr('progressReports.c.situation', { date: date(c.asOf) }));
  text(fr('progressReports.c.milestone', { milestone: fr(`progressReports.milestone.${r.milestone}` as MessageKey) }));
  text(fr('progressReports.c.operator', { name: c.acc.operator_name }));
  if (c.acc.coordinator_name) text(fr('progressReports.c.coordinator', { name: c.acc.coordinator_name }));
  if (c.acc.planned_start || c.acc.planned_end)
    text(fr('progressReports.c.window', { start: date(c.acc.planned_start), end: date(c.acc.planned_end) }));

  const tb = reportTables(c);
  const print = (t: ReportTable) => table(doc, t.headers, t.rows, t.widths);

  heading(doc, fr('progressReports.c.beneficiaries'));
  print(tb.beneficiaries);

  heading(doc, fr('progressReports.c.withdrawals'));
  if (!c.withdrawals.length) text(fr('progressReports.c.noWithdrawal'));
  for (const w of c.withdrawals) {
    doc.font('Helvetica-Bold');
    text(`${w.name} — ${fr('progressReports.c.withdrawn', { date: date(w.withdrawn_on) })}`);
    doc.font('Helvetica');
    typedText(doc, w.withdrawal_reasons, { label: fr('progressReports.c.reasons') });
    typedText(doc, w.may_rejoin, { label: fr('progressReports.c.mayRejoin') });
  }

  heading(doc, fr('progressReports.c.phases'));
  if (!c.phases.length) text(fr('progressReports.c.noPhases'));
  else {
    phaseTimeline(doc, c);
    print(tb.phases);
  }

  heading(doc, fr('progressReports.c.sessions'));
  text(fr('progressReports.c.sessionsCount', { count: c.sessionsHeld.length, planned: c.sessionsPlanned }));
  if (c.sessionsHeld.length) {
    doc.moveDown(0.3);
    print(tb.sessions);
  }

  heading(doc, fr('progressReports.c.budget'));
  text(daysLine(c));
  if (c.acc.budget_eur != null && c.days.consumedEur != null)
    text(fr('progressReports.c.euros', { consumed: eur(c.days.consumedEur), budget: eur(c.acc.budget_eur) }));
  daysBar(doc, c);
  if (c.daysByPhase.length) print(tb.daysByPhase);
  if (c.funding.length) {
    doc.moveDown(0.5).font('Helvetica-Bold');
    text(fr('progressReports.c.funding'));
    doc.font('Helvetica');
    print(tb.funding);
  }

  heading(doc, fr('progressReports.c.deliverables'));
  if (!c.deliverables.length) text(fr('progressReports.c.noDeliverables'));
  else print(tb.deliverables);

  heading(doc, fr('progressReports.c.notices'));
  if (!c.notices.length) text(fr('progressReports.c.noNotices'));
  else print(tb.notices);

  if (c.actionsOpen) {
    heading(doc, fr('progressReports.c.actions'));
    if (!c.actionsOpen.length) text(fr('progressReports.c.noActions'));
    else print(tb.actions);
  }

  heading(doc, fr('progressReports.c.nextSteps'));
  typed(r.next_steps);
  heading(doc, fr('progressReports.c.risks'));
  typed(r.risks);
  heading(doc, fr('progressReports.c.comment'));
  typed(r.comment);

  doc.end();
  return done;
}

/** "6 jour(s) consommé(s) sur 6 contractualisé(s) (100 %)", the same sentence as the HTML page. */
export function daysLine(
  c: ReportContent,
  t: (key: MessageKey, p?: Record<string, string | number>) => string = fr,
  n: (v: number) => string = num,
) {
  const { consumed, contracted, ratio } = c.days;
  return contracted
    ? t('progressReports.c.consumedOf', {
        consumed: n(consumed),
        contracted: n(contracted),
        percent: n(Math.round((ratio ?? 0) * 100)),
      })
    : t('progressReports.c.consumedNoBudget', { consumed: n(consumed) });
}
