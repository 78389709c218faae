import { createDocx } from '../platform/docx';
import type { MessageKey } from '../platform/i18n';
import { date, eur, fr } from '../platform/pdf';
import { textBlocks } from '../platform/text';
import type { ReportContent } from './content';
import { reportTables, type ReportTable } from './tables';
import { daysLine, type ReportText } from './pdf';

/**
 * The Word twin of pdf.ts: the same content (content.ts, as of the report's day; a sent report's
 * stored content) and the same text, in the same order and in French, for the coordinator to
 * finish in Word or LibreOffice. The phase picture and the days bar stay PDF drawings; their
 * figures are in the tables and sentences here as there. A draft is marked at the top of every page.
 */
export async function renderReportDocx(c: ReportContent, r: ReportText, opts: { draft: boolean }): Promise<Buffer> {
  const w = await createDocx({
    title: `${fr('progressReports.pdf.heading')} — ${r.title}`,
    subject: c.acc.title,
    ...(opts.draft ? { draftMark: fr('progressReports.pdf.draft') } : {}),
  });
  const typed = (v: string | null) => {
    if (v?.trim()) w.typed(v);
    else w.para(fr('progressReports.c.empty'));
  };
  // "Motifs : …" on one line for one line of text, above the text otherwise (platform/pdf's typedText).
  const labelled = (label: string, v: string | null) => {
    const blocks = textBlocks(v);
    if (blocks.length === 1 && blocks[0].kind === 'p') return w.para(`${label} : ${blocks[0].text}`);
    if (blocks.length) w.para(`${label} :`);
    w.blocks(blocks);
  };

  w.para(fr('progressReports.pdf.heading'), { bold: true, size: 36, align: 'center' });
  w.para(r.title, { bold: true, size: 26, align: 'center' });
  w.para(c.acc.title, { italics: true, size: 22, align: 'center' });
  w.para(fr('progressReports.c.situation', { date: date(c.asOf) }));
  w.para(
    fr('progressReports.c.milestone', { milestone: fr(`progressReports.milestone.${r.milestone}` as MessageKey) }),
  );
  w.para(fr('progressReports.c.operator', { name: c.acc.operator_name }));
  if (c.acc.coordinator_name) w.para(fr('progressReports.c.coordinator', { name: c.acc.coordinator_name }));
  if (c.acc.planned_start || c.acc.planned_end)
    w.para(fr('progressReports.c.window', { start: date(c.acc.planned_start), end: date(c.acc.planned_end) }));

  const tb = reportTables(c);
  const print = (t: ReportTable) => w.table(t.headers, t.rows, t.widths);

  w.heading(fr('progressReports.c.beneficiaries'));
  print(tb.beneficiaries);

  w.heading(fr('progressReports.c.withdrawals'));
  if (!c.withdrawals.length) w.para(fr('progressReports.c.noWithdrawal'));
  for (const b of c.withdrawals) {
    w.label(`${b.name} — ${fr('progressReports.c.withdrawn', { date: date(b.withdrawn_on) })}`);
    labelled(fr('progressReports.c.reasons'), b.withdrawal_reasons);
    labelled(fr('progressReports.c.mayRejoin'), b.may_rejoin);
  }

  w.heading(fr('progressReports.c.phases'));
  if (!c.phases.length) w.para(fr('progressReports.c.noPhases'));
  else print(tb.phases);

  w.heading(fr('progressReports.c.sessions'));
  w.para(fr('progressReports.c.sessionsCount', { count: c.sessionsHeld.length, planned: c.sessionsPlanned }));
  if (c.sessionsHeld.length) print(tb.sessions);

  w.heading(fr('progressReports.c.budget'));
  w.para(daysLine(c));
  if (c.acc.budget_eur != null && c.days.consumedEur != null)
    w.para(fr('progressReports.c.euros', { consumed: eur(c.days.consumedEur), budget: eur(c.acc.budget_eur) }));
  if (c.daysByPhase.length) print(tb.daysByPhase);
  if (c.funding.length) {
    w.label(fr('progressReports.c.funding'));
    print(tb.funding);
  }

  w.heading(fr('progressReports.c.deliverables'));
  if (!c.deliverables.length) w.para(fr('progressReports.c.noDeliverables'));
  else print(tb.deliverables);

  w.heading(fr('progressReports.c.notices'));
  if (!c.notices.length) w.para(fr('progressReports.c.noNotices'));
  else print(tb.notices);

  if (c.actionsOpen) {
    w.heading(fr('progressReports.c.actions'));
    if (!c.actionsOpen.length) w.para(fr('progressReports.c.noActions'));
    else print(tb.actions);
  }

  w.heading(fr('progressReports.c.nextSteps'));
  typed(r.next_steps);
  w.heading(fr('progressReports.c.risks'));
  typed(r.risks);
  w.heading(fr('progressReports.c.comment'));
  typed(r.comment);
  return w.pack();
}
