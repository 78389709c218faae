import type { MessageKey } from '../platform/i18n';
import { date, eur, fr, num } from '../platform/pdf';
import type { ReportContent } from './content';

/** A table of the report as both documents print it: column headers, rows of text, column widths (fractions). */
export type ReportTable = { headers: string[]; rows: string[][]; widths: number[] };

const range = (a: string | null, b: string | null) =>
  a || b ? fr('progressReports.c.range', { start: date(a), end: date(b) }) : '—';

/**
 * The report's tables, in French, written once for the PDF (pdf.ts) and its Word twin (docx.ts):
 * a column or a cell changes here for both.
 */
export function reportTables(c: ReportContent) {
  return {
    beneficiaries: {
      headers: [
        fr('progressReports.c.structure'),
        fr('progressReports.c.siaeType'),
        fr('progressReports.c.employees'),
        fr('progressReports.c.status'),
      ],
      rows: c.beneficiaries.map((b) => [
        b.name,
        b.siae_type ?? '—',
        b.employees == null ? '—' : `${num(b.employees)} (${num(b.employees_in_insertion ?? 0)})`,
        b.status === 'withdrawn'
          ? fr('progressReports.c.withdrawn', { date: date(b.withdrawn_on) })
          : fr('progressReports.c.active'),
      ]),
      widths: [0.4, 0.15, 0.2, 0.25],
    },
    phases: {
      headers: [
        fr('progressReports.c.phase'),
        fr('progressReports.c.planned'),
        fr('progressReports.c.actual'),
        fr('progressReports.c.status'),
      ],
      rows: c.phases.map((p) => [
        `${p.position}. ${p.name}`,
        range(p.planned_start, p.planned_end),
        range(p.actual_start, p.actual_end),
        fr(`phases.status.${p.status}` as MessageKey),
      ]),
      widths: [0.34, 0.25, 0.25, 0.16],
    },
    sessions: {
      headers: [
        fr('progressReports.c.sessionDate'),
        fr('progressReports.c.sessionType'),
        fr('progressReports.c.sessionTitle'),
        fr('progressReports.c.attendance'),
        fr('progressReports.c.days'),
      ],
      rows: c.sessionsHeld.map((s) => [
        date(s.starts_at),
        fr(`sessions.type.${s.type}` as MessageKey),
        s.title,
        `${s.present} / ${s.invited}`,
        num(s.days_consumed),
      ]),
      widths: [0.18, 0.2, 0.38, 0.14, 0.1],
    },
    daysByPhase: {
      headers: [fr('progressReports.c.byPhase'), fr('progressReports.c.days')],
      rows: c.daysByPhase.map((p) => [
        p.name == null ? fr('progressReports.c.noPhase') : `${p.position}. ${p.name}`,
        num(p.days),
      ]),
      widths: [0.8, 0.2],
    },
    funding: {
      headers: [fr('progressReports.c.funder'), fr('progressReports.c.amount')],
      rows: c.funding.map((f) => [f.name, eur(f.amount_eur)]),
      widths: [0.7, 0.3],
    },
    deliverables: {
      headers: [
        fr('progressReports.c.deliverable'),
        fr('progressReports.c.expectedOn'),
        fr('progressReports.c.status'),
      ],
      rows: c.deliverables.map((d) => [
        d.title,
        date(d.expected_on),
        fr(`deliverables.status.${d.status}` as MessageKey),
      ]),
      widths: [0.55, 0.2, 0.25],
    },
    notices: {
      headers: [
        fr('progressReports.c.noticeDate'),
        fr('progressReports.c.noticeKind'),
        fr('progressReports.c.noticeRecipients'),
      ],
      rows: c.notices.map((n) => [date(n.on_date), fr(`notices.kind.${n.kind}` as MessageKey), n.recipients]),
      widths: [0.22, 0.28, 0.5],
    },
    actions: {
      headers: [
        fr('progressReports.c.actionWhat'),
        fr('progressReports.c.actionOwner'),
        fr('progressReports.c.actionRaised'),
        fr('progressReports.c.actionDue'),
      ],
      rows: (c.actionsOpen ?? []).map((a) => [
        a.what,
        [a.owner_name, a.owner_organisation_name].filter(Boolean).join(' — ') || '—',
        date(a.raised_on),
        date(a.due_on),
      ]),
      widths: [0.46, 0.26, 0.14, 0.14],
    },
  } satisfies Record<string, ReportTable>;
}
