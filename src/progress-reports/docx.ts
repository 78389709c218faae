import { createDocx } from '../platform/docx';
import type { MessageKey } from '../platform/i18n';
import { date, eur, fr, num } from '../platform/pdf';
import { textBlocks } from '../platform/text';
import type { ReportContent } from './content';
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

  w.heading(fr('progressReports.c.beneficiaries'));
  w.table(
    [
      fr('progressReports.c.structure'),
      fr('progressReports.c.siaeType'),
      fr('progressReports.c.employees'),
      fr('progressReports.c.status'),
    ],
    c.beneficiaries.map((b) => [
      b.name,
      b.siae_type ?? '—',
      b.employees == null ? '—' : `${num(b.employees)} (${num(b.employees_in_insertion ?? 0)})`,
      b.status === 'withdrawn'
        ? fr('progressReports.c.withdrawn', { date: date(b.withdrawn_on) })
        : fr('progressReports.c.active'),
    ]),
    [0.4, 0.15, 0.2, 0.25],
  );

  w.heading(fr('progressReports.c.withdrawals'));
  if (!c.withdrawals.length) w.para(fr('progressReports.c.noWithdrawal'));
  for (const b of c.withdrawals) {
    w.label(`${b.name} — ${fr('progressReports.c.withdrawn', { date: date(b.withdrawn_on) })}`);
    labelled(fr('progressReports.c.reasons'), b.withdrawal_reasons);
    labelled(fr('progressReports.c.mayRejoin'), b.may_rejoin);
  }

  w.heading(fr('progressReports.c.phases'));
  if (!c.phases.length) w.para(fr('progressReports.c.noPhases'));
  else {
    const range = (a: string | null, b: string | null) =>
      a || b ? fr('progressReports.c.range', { start: date(a), end: date(b) }) : '—';
    w.table(
      [
        fr('progressReports.c.phase'),
        fr('progressReports.c.planned'),
        fr('progressReports.c.actual'),
        fr('progressReports.c.status'),
      ],
      c.phases.map((p) => [
        `${p.position}. ${p.name}`,
        range(p.planned_start, p.planned_end),
        range(p.actual_start, p.actual_end),
        fr(`phases.status.${p.status}` as MessageKey),
      ]),
      [0.34, 0.25, 0.25, 0.16],
    );
  }

  w.heading(fr('progressReports.c.sessions'));
  w.para(fr('progressReports.c.sessionsCount', { count: c.sessionsHeld.length, planned: c.sessionsPlanned }));
  if (c.sessionsHeld.length)
    w.table(
      [
        fr('progressReports.c.sessionDate'),
        fr('progressReports.c.sessionType'),
        fr('progressReports.c.sessionTitle'),
        fr('progressReports.c.attendance'),
        fr('progressReports.c.days'),
      ],
      c.sessionsHeld.map((s) => [
        date(s.starts_at),
        fr(`sessions.type.${s.type}` as MessageKey),
        s.title,
        `${s.present} / ${s.invited}`,
        num(s.days_consumed),
      ]),
      [0.18, 0.2, 0.38, 0.14, 0.1],
    );

  w.heading(fr('progressReports.c.budget'));
  w.para(daysLine(c));
  if (c.acc.budget_eur != null && c.days.consumedEur != null)
    w.para(fr('progressReports.c.euros', { consumed: eur(c.days.consumedEur), budget: eur(c.acc.budget_eur) }));
  if (c.daysByPhase.length)
    w.table(
      [fr('progressReports.c.byPhase'), fr('progressReports.c.days')],
      c.daysByPhase.map((p) => [
        p.name == null ? fr('progressReports.c.noPhase') : `${p.position}. ${p.name}`,
        num(p.days),
      ]),
      [0.8, 0.2],
    );
  if (c.funding.length) {
    w.label(fr('progressReports.c.funding'));
    w.table(
      [fr('progressReports.c.funder'), fr('progressReports.c.amount')],
      c.funding.map((f) => [f.name, eur(f.amount_eur)]),
      [0.7, 0.3],
    );
  }

  w.heading(fr('progressReports.c.deliverables'));
  if (!c.deliverables.length) w.para(fr('progressReports.c.noDeliverables'));
  else
    w.table(
      [fr('progressReports.c.deliverable'), fr('progressReports.c.expectedOn'), fr('progressReports.c.status')],
      c.deliverables.map((d) => [d.title, date(d.expected_on), fr(`deliverables.status.${d.status}` as MessageKey)]),
      [0.55, 0.2, 0.25],
    );

  w.heading(fr('progressReports.c.notices'));
  if (!c.notices.length) w.para(fr('progressReports.c.noNotices'));
  else
    w.table(
      [
        fr('progressReports.c.noticeDate'),
        fr('progressReports.c.noticeKind'),
        fr('progressReports.c.noticeRecipients'),
      ],
      c.notices.map((n) => [date(n.on_date), fr(`notices.kind.${n.kind}` as MessageKey), n.recipients]),
      [0.22, 0.28, 0.5],
    );

  if (c.actionsOpen) {
    w.heading(fr('progressReports.c.actions'));
    if (!c.actionsOpen.length) w.para(fr('progressReports.c.noActions'));
    else
      w.table(
        [
          fr('progressReports.c.actionWhat'),
          fr('progressReports.c.actionOwner'),
          fr('progressReports.c.actionRaised'),
          fr('progressReports.c.actionDue'),
        ],
        c.actionsOpen.map((a) => [
          a.what,
          [a.owner_name, a.owner_organisation_name].filter(Boolean).join(' — ') || '—',
          date(a.raised_on),
          date(a.due_on),
        ]),
        [0.46, 0.26, 0.14, 0.14],
      );
  }

  w.heading(fr('progressReports.c.nextSteps'));
  typed(r.next_steps);
  w.heading(fr('progressReports.c.risks'));
  typed(r.risks);
  w.heading(fr('progressReports.c.comment'));
  typed(r.comment);
  return w.pack();
}
