import type { Beneficiary } from '../accompaniments/beneficiaries';
import { beneficiariesOn } from '../accompaniments/beneficiaries-on';
import { listFunding } from '../accompaniments/funding';
import type { Accompaniment } from '../accompaniments/queries';
import type { DeliverableStatus, DeliverableType } from '../deliverables/schemas';
import { deliverablesOn, type DeliverableOn } from '../deliverables/status-on';
import { listNotices, type Notice } from '../notices/queries';
import { buildChart, type Chart } from '../phases/chart';
import { listPhases, type Phase } from '../phases/queries';
import type { Db } from '../platform/db';
import { read, readTogether } from '../platform/read-together';
import { actionItemsOpenOn, type ActionOpenOn } from '../sessions/actions-on';
import {
  budgetAsOf,
  daysByPhase,
  heldBySql,
  summarise,
  withSessionsOutsidePhases,
  type BudgetRow,
  type DaysSummary,
  type PhaseDays,
  type PhaseRow,
} from '../sessions/days-consumed';
import { listSessions, type SessionListRow } from '../sessions/queries';

export type ReportAccompaniment = Pick<
  Accompaniment,
  | 'id'
  | 'title'
  | 'kind'
  | 'state'
  | 'operator_name'
  | 'coordinator_name'
  | 'planned_start'
  | 'planned_end'
  | 'budget_days'
  | 'budget_eur'
>;

export type ReportSession = Pick<
  SessionListRow,
  'id' | 'type' | 'title' | 'starts_at' | 'days_consumed' | 'status' | 'phase_name'
> & { invited: number; present: number };

/**
 * Everything a progress report says that comes from the record, as it stood on the report's
 * « situation arrêtée au » day (asOf): sessions held and days consumed by then, phases, structures,
 * deliverables, notices and open action items as they were that day, never as they are when the
 * report is drawn. The HTML preview and the PDF are both drawn from this one object, so they can
 * never show different figures; a sent report keeps the object it was sent with.
 */
export type ReportContent = {
  asOf: string;
  acc: ReportAccompaniment;
  beneficiaries: Beneficiary[];
  /** The structures that left the process, with their reasons (a subset of beneficiaries). */
  withdrawals: Beneficiary[];
  phases: Phase[];
  phaseChart: Chart | null;
  /** Sessions held (or closed) up to asOf (sessions/days-consumed.ts heldBySql), oldest first, with their attendance counts. */
  sessionsHeld: ReportSession[];
  sessionsPlanned: number;
  days: DaysSummary;
  daysByPhase: PhaseDays[];
  funding: { name: string; amount_eur: string }[];
  /** Titles and statuses only: a deliverable's content is never part of a report. */
  deliverables: { title: string; type: DeliverableType; status: DeliverableStatus; expected_on: string | null }[];
  notices: Pick<Notice, 'on_date' | 'kind' | 'recipients'>[];
  /** Action items open on asOf. Absent from reports sent before they were part of the report. */
  actionsOpen?: Omit<ActionOpenOn, 'id'>[];
};

/**
 * The report's reads as of its day, all from the areas' own queries (no figure is typed twice or
 * computed twice), sent in one statement: drawing a draft sent eleven.
 */
export function reportReads(db: Db, accompanimentId: string, asOf: string) {
  return {
    budget: read<BudgetRow>(budgetAsOf(db, accompanimentId, asOf)),
    beneficiaries: read<Beneficiary>(beneficiariesOn(db, accompanimentId, asOf), { bigints: ['organisation_id'] }),
    phases: read<Phase>(listPhases(db, accompanimentId, asOf), { bigints: ['id'] }),
    sessions: read<SessionListRow>(listSessions(db, accompanimentId, {}).whereRaw(heldBySql('s'), [asOf]), {
      dates: ['starts_at', 'ends_at', 'validated_at'],
      bigints: ['id', 'logged_by', 'invited', 'present'],
    }),
    sessionCount: read<{ count: string }>(
      db('sessions').where({ accompaniment_id: accompanimentId }).count({ count: '*' }),
      { bigints: ['count'] },
    ),
    phaseDays: read<PhaseRow>(daysByPhase(db, accompanimentId, asOf), { bigints: ['id'] }),
    funding: { query: listFunding(db, accompanimentId), bigints: ['funder_id'] },
    deliverables: read<DeliverableOn>(deliverablesOn(db, accompanimentId, asOf), { bigints: ['id'] }),
    notices: read<Notice>(listNotices(db, accompanimentId).where('n.on_date', '<=', asOf), {
      dates: ['created_at'],
      bigints: ['id'],
    }),
    actions: read<ActionOpenOn>(actionItemsOpenOn(db, accompanimentId, asOf), { bigints: ['id'] }),
  };
}

/** Assembles the report as of a date from the record. */
export async function buildReportContent(db: Db, acc: ReportAccompaniment, asOf: string): Promise<ReportContent> {
  const r = await readTogether(db, reportReads(db, acc.id, asOf));
  const days = summarise(r.budget[0]);
  const { beneficiaries, phases, sessions: held } = r;
  return {
    asOf,
    acc,
    beneficiaries,
    withdrawals: beneficiaries.filter((b) => b.status === 'withdrawn'),
    phases,
    phaseChart: buildChart(phases, asOf),
    sessionsHeld: held.map((s) => ({
      id: s.id,
      type: s.type,
      title: s.title,
      starts_at: s.starts_at,
      days_consumed: s.days_consumed,
      status: s.status,
      phase_name: s.phase_name,
      invited: Number(s.invited),
      present: Number(s.present),
    })),
    sessionsPlanned: Number(r.sessionCount[0]?.count ?? 0) - held.length,
    days,
    daysByPhase: withSessionsOutsidePhases(r.phaseDays, days),
    funding: r.funding.map((f) => ({ name: String(f.name), amount_eur: String(f.amount_eur) })),
    deliverables: r.deliverables.map((d) => ({
      title: d.title,
      type: d.type,
      status: d.status,
      expected_on: d.expected_on,
    })),
    notices: r.notices.map((n) => ({ on_date: n.on_date, kind: n.kind, recipients: n.recipients })),
    actionsOpen: r.actions.map(({ id: _id, ...a }) => a),
  };
}
