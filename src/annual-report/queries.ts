import { counts, orientationsOf, PATHWAY_FIGURES, pathwayStatement, type PathwayFigures } from '../indicators/pathways';
import { num, numOrNull, type Period } from '../indicators/queries';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Rows } from '../platform/db';
import { indicatorScopeOf, operatorIdsOf, type ReportScope } from './scope';
import {
  afterCloseSql,
  moneySql,
  positional,
  satisfactionColumns,
  STRUCTURE_CTES,
  structureFigures,
  withoutJit,
} from './statements';

/**
 * The annual activity report's figures: plain grouped SQL, one statement per group of sections, never
 * one query per row (a national report reads every operator's year).
 *
 * Definitions (also shown on the page), every date being the day the fact happened:
 * - requests, structures welcomed, diagnosed, accompanied, oriented: the indicators' parcours figures
 *   (src/indicators/pathways.ts, one definition), over the calendar year;
 * - structures concerned: distinct structures with any of those facts, or an action started, in the
 *   year; broken down by legal form, sector, SIAE type (the structure's record) and size class;
 * - size class: employees of the structure's latest headcount snapshot dated on or before its latest
 *   diagnostic (CDI + CDD + contrats aidés + insertion), else the structure's own employees figure;
 *   0, 1–9, 10–49, 50–249, 250 and more;
 * - jobs at diagnostic: for the structures diagnosed in the year, their latest snapshot taken at a
 *   diagnostic (occasion « diagnostic ») dated on or before the year's end, summed by contract, FTE;
 * - actions by type: actions started in the year, a consultancy's type following its case's kind
 *   (individual_consultancy, collective_consultancy); consultancies counted once per case;
 * - themes: the themes of the consultancies (cases) started in the year;
 * - days: contracted (budget_days) and euros (budget_eur) of those consultancies; days consumed: the
 *   sessions held during the year (the sessions' days-consumed rule) of every consultancy in scope;
 * - by funder: envelopes of the year; amounts committed (commitments dated in the year, not released)
 *   and the days of their cases; amounts paid (payments dated in the year) on those funders' envelopes;
 * - satisfaction: surveys answered in the year on the scope's cases (scores 1 to 5);
 * - follow-up outcomes: checkpoints held in the year (recorded), each of Avise's four criteria rated
 *   improved, stable, degraded or unknown.
 */

export const SIZE_CLASSES = ['0', '1_9', '10_49', '50_249', '250_plus'] as const;
export const DIMENSIONS = ['legal_form', 'sector', 'size_class', 'siae_type'] as const;
export const CRITERIA = ['jobs', 'economic_health', 'strategic_vision', 'local_partnerships'] as const;
export const RATINGS = ['improved', 'stable', 'degraded', 'unknown'] as const;
export const ACTION_TYPES = [
  'individual_consultancy',
  'collective_consultancy',
  'advice',
  'orientation',
  'local_offer',
] as const;

type Json = Record<string, unknown>;

/** Size classes in their own order (smallest first, unknown last); the other breakdowns as SQL sorted them. */
const sizeRank = (key: string | null) => (key === null ? SIZE_CLASSES.length : SIZE_CLASSES.indexOf(key as never));
const sizeOrder = (a: { dimension: string; key: string | null }, b: { dimension: string; key: string | null }) =>
  a.dimension === 'size_class' && b.dimension === 'size_class' ? sizeRank(a.key) - sizeRank(b.key) : 0;

type Stages = { structures: number; welcomed: number; diagnosed: number; accompanied: number; oriented: number };
const stages = (r: Json): Stages => ({
  structures: num(r.structures),
  welcomed: num(r.welcomed),
  diagnosed: num(r.diagnosed),
  accompanied: num(r.accompanied),
  oriented: num(r.oriented),
});

export type AnnualFigures = {
  pathways: Pick<PathwayFigures, 'totals' | 'orientations'>;
  concerned: Stages;
  breakdowns: ({ dimension: (typeof DIMENSIONS)[number]; key: string | null } & Stages)[];
  jobs: {
    diagnosed: number;
    structures: number;
    cdi: number;
    cdd: number;
    assisted: number;
    insertion: number;
    total: number;
    fte: number;
    volunteers: number;
  };
  actionTypes: { type: string; actions: number; structures: number; cases: number; hours: number }[];
  consultancies: { type: string; cases: number; days: number; euros: number }[];
  themes: { theme: string; cases: number }[];
  days: { cases: number; contracted: number; euros: number; consumed: number };
  funders: {
    name: string;
    funderType: string | null;
    envelopes: number;
    committed: number;
    paid: number;
    cases: number;
    days: number;
  }[];
  satisfaction: { surveys: number; averages: Record<string, number | null>; overall: number[] };
  followUp: { criterion: (typeof CRITERIA)[number]; ratings: Record<(typeof RATINGS)[number], number> }[];
};

/** Every figure of a year's report: three statements (the parcours' facts, money, after close-out). */
export async function computeAnnualReport(
  db: Db,
  user: SessionUser,
  scope: ReportScope,
  year: number,
  period: Period,
): Promise<AnnualFigures> {
  const iscope = indicatorScopeOf(user, scope);
  const values = { ...period, year, ops: operatorIdsOf(scope) ?? [] };
  const raw = async (sql: string) => {
    const q = positional(sql, values);
    return (await db.raw<Rows<Json>>(q.text, q.bindings)).rows;
  };
  // The parcours' funnel and orientations (the indicators' own figures) with the structures' sections,
  // in one statement: the parcours' CTEs are computed once.
  const figures = {
    totals: PATHWAY_FIGURES.totals,
    orientations: PATHWAY_FIGURES.orientations,
    ...structureFigures(scope.kind === 'national'),
  };
  const [s, money, after] = await Promise.all([
    withoutJit(db, (trx) => pathwayStatement(trx, iscope, period, figures, STRUCTURE_CTES)),
    raw(moneySql(scope)),
    raw(afterCloseSql(scope)),
  ]);
  const pathways = { totals: counts(s.totals as Json), orientations: orientationsOf(s.orientations) };
  const j = s.jobs as Json;
  const d = s.days as Json;
  const sat = after[0].satisfaction as Json;
  const fu = after[0].follow_up as Json[];
  return {
    pathways,
    concerned: stages(s.concerned as Json),
    breakdowns: (s.breakdowns as Json[])
      .map((b) => ({
        dimension: b.dimension as (typeof DIMENSIONS)[number],
        key: (b.key as string | null) ?? null,
        ...stages(b),
      }))
      .sort(sizeOrder),
    jobs: {
      diagnosed: pathways.totals.diagnosed,
      structures: num(j.structures),
      cdi: num(j.cdi),
      cdd: num(j.cdd),
      assisted: num(j.assisted),
      insertion: num(j.insertion),
      total: num(j.total),
      fte: num(j.fte),
      volunteers: num(j.volunteers),
    },
    actionTypes: (s.action_types as Json[]).map((a) => ({
      type: String(a.action_type),
      actions: num(a.actions),
      structures: num(a.structures),
      cases: num(a.cases),
      hours: num(a.hours),
    })),
    consultancies: (s.consultancies as Json[]).map((c) => ({
      type: String(c.action_type),
      cases: num(c.cases),
      days: num(c.days),
      euros: num(c.euros),
    })),
    themes: (s.themes as Json[]).map((th) => ({ theme: String(th.theme), cases: num(th.cases) })),
    days: { cases: num(d.cases), contracted: num(d.contracted), euros: num(d.euros), consumed: num(d.consumed) },
    funders: money.map((f) => ({
      name: String(f.name),
      funderType: (f.funder_type as string | null) ?? null,
      envelopes: num(f.envelopes),
      committed: num(f.committed),
      paid: num(f.paid),
      cases: num(f.cases),
      days: num(f.days),
    })),
    satisfaction: {
      surveys: num(sat.surveys),
      averages: Object.fromEntries(satisfactionColumns.map((c) => [c, numOrNull(sat[c])])),
      overall: [1, 2, 3, 4, 5].map((n) => num(sat[`overall_${n}`])),
    },
    followUp: CRITERIA.map((criterion) => ({
      criterion,
      ratings: Object.fromEntries(
        RATINGS.map((rating) => [
          rating,
          num(fu.find((r) => r.criterion === criterion && r.rating === rating)?.checkpoints),
        ]),
      ) as Record<(typeof RATINGS)[number], number>,
    })),
  };
}
