import type { Db } from '../../src/platform/db';
import { TABS, tabUrl } from '../../src/accompaniments/tabs';

/** Who opens a page in the bench: the known coordinator (operator 1) or operator 1's direction. */
export type BenchReader = 'coordinator' | 'manager';
export type BenchPage = { name: string; path: string; as: BenchReader };

/** The rows the pages open, read from the generated data set (the rich case is accompaniment 1, at operator 1). */
export async function benchTargets(db: Db) {
  const one = async (sql: string) => (await db.raw(sql)).rows[0];
  return {
    sessionId: String(
      (
        await one(
          `select id from sessions where accompaniment_id = 1 and status = 'closed' order by starts_at desc limit 1`,
        )
      ).id,
    ),
    draftId: String(
      (await one(`select id from progress_reports where accompaniment_id = 1 and status = 'draft' order by id limit 1`))
        .id,
    ),
    // Issue 19: operator 1's parcours with the most actions, and its comité d'appui meeting with the most items.
    pathwayId: String(
      (
        await one(`select p.id from pathways p join pathway_actions x on x.pathway_id = p.id where p.operator_id = 1
                    group by p.id order by count(*) desc, p.id limit 1`)
      ).id,
    ),
    meetingId: String(
      (
        await one(`select m.id from support_committee_meetings m join support_committee_items i on i.meeting_id = m.id
                    where m.operator_id = 1 group by m.id order by count(*) desc, m.id limit 1`)
      ).id,
    ),
  };
}
export type BenchTargets = Awaited<ReturnType<typeof benchTargets>>;

/** The measured pages, after the baseline (`year`: the indicators' year, the one before the data set's today). */
export function benchPages(x: BenchTargets, year: number): BenchPage[] {
  return [
    { name: 'coordinator home', path: '/', as: 'coordinator' },
    { name: 'manager portfolio (filters)', path: '/accompaniments?state=delivery&kind=collective', as: 'manager' },
    // The case page, one tab at a time (src/accompaniments/tabs.ts); the overview is where a case opens.
    ...TABS.map((tab): BenchPage => ({ name: `accompaniment page: ${tab}`, path: tabUrl(1, tab), as: 'coordinator' })),
    { name: 'timeline', path: '/accompaniments/1/timeline', as: 'coordinator' },
    { name: 'session page', path: `/sessions/${x.sessionId}`, as: 'coordinator' },
    { name: 'progress report PDF (draft)', path: `/reports/${x.draftId}/pdf`, as: 'coordinator' },
    // Issue 19: the operator's intake register (its requests of every year, the list's first page), a
    // parcours, and a meeting of the comité d'appui with its agenda.
    { name: 'intake list', path: '/intake', as: 'coordinator' },
    { name: 'parcours page', path: `/pathways/${x.pathwayId}`, as: 'coordinator' },
    { name: 'comité d’appui meeting', path: `/support-committee/meetings/${x.meetingId}`, as: 'coordinator' },
    { name: `indicators ${year} (operator)`, path: `/indicators?from=${year}-01-01&to=${year}-12-31`, as: 'manager' },
    // The parcours' figures (issue 19), on their own page since stop 18: the same period and reader.
    {
      name: `parcours indicators ${year} (operator)`,
      path: `/indicators/pathways?from=${year}-01-01&to=${year}-12-31`,
      as: 'manager',
    },
    // Issue 20: operator 1's envelopes of the year, what each has committed, ordered, certified, invoiced and paid.
    { name: `envelopes ${year} (operator)`, path: `/envelopes?year=${year}`, as: 'manager' },
  ];
}

/**
 * Issue 20's national annual report, read by the admin (all operators): the page must answer in under
 * 5 s (timed request by request, not under load) and its XLSX be streamed with the server under 300 MB.
 */
export function benchAnnualReport(year: number) {
  return {
    page: `/annual-report?year=${year}&scope=national`,
    xlsx: `/annual-report.xlsx?year=${year}&scope=national`,
  };
}
