import type { Knex } from 'knex';
import { scopeAccompaniments } from '../accompaniments/scope';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';

/**
 * Portfolio indicators: one set-based statement over the accompaniments the user may see
 * (scopeAccompaniments: operator staff → their operator, funder → what it funds, admin → all or
 * one operator). Never one query per accompaniment: a national instance has 15,000 of them.
 *
 * Definitions (also shown on the page):
 * - received: accompaniment whose intake date (intake_on) is in the period. The accompaniments
 *   received in the period are "the population" of every other figure except milestones and
 *   lead times.
 * - diagnosed: first transition out of 'diagnostic' to a normal next state (not referred or
 *   abandoned), i.e. the shared diagnostic validated, dated in the period.
 * - accompanied: first transition into 'delivery' (the convention signed) dated in the period.
 *   Each counted as accompaniments (individual / collective) and as distinct beneficiary structures.
 * - jobs concerned: SUM(employees) and SUM(employees_in_insertion) of the distinct beneficiary
 *   structures (withdrawn ones included) of the population.
 * - breakdowns: legal form, SIAE type and sector count distinct beneficiary structures of the
 *   population; theme (accompaniments.themes) and département count accompaniments.
 * - ingénieries: accompaniments of the population with a selected bid; days contracted =
 *   SUM(budget_days), days consumed = SUM(sessions.days_consumed), euros = SUM(budget_eur),
 *   euros per day = euros / days contracted; providers = the selected bids' providers.
 * - lead times (days, median and mean), each over the cases whose END milestone is in the period:
 *   intake → diagnostic validated, diagnostic validated → convention signed (entry into delivery),
 *   convention signed → close-out (entry into close_out), and intake → close-out.
 * - budget by funder: accompaniment_funding amounts of the population, by funder.
 */

export type Period = { from: string; to: string };
export type IndicatorScope = { user: SessionUser; operatorId: string | null };

/** The accompaniments the user may see, optionally narrowed to one operator (admins). */
export function scoped(db: Db, scope: IndicatorScope) {
  const q = db('accompaniments as a').select('a.*');
  scopeAccompaniments(db, scope.user, q);
  if (scope.operatorId) q.where('a.operator_id', scope.operatorId);
  return q;
}

/** CTEs shared by the figures: sc (scoped), pop (received in the period), ms (milestone dates). */
function ctes(db: Db, scope: IndicatorScope) {
  // The scope's values stay bindings (not inlined): one SQL text, hence one prepared statement
  // (src/platform/prepared.ts), for every operator and funder.
  const sc = scoped(db, scope).toSQL();
  const sql = `sc as (${sc.sql}),
    pop as (select * from sc where sc.intake_on between :from and :to),
    ms as (
      select sc.id, sc.kind, sc.intake_on,
             min(t.on_date) filter (where t.from_state = 'diagnostic' and t.to_state not in ('referred','abandoned')) as diagnosed_on,
             min(t.on_date) filter (where t.to_state = 'delivery') as convention_on,
             min(t.on_date) filter (where t.to_state = 'close_out') as closed_out_on
        from sc left join accompaniment_transitions t on t.accompaniment_id = sc.id
       group by sc.id, sc.kind, sc.intake_on)`;
  return { sql, bindings: sc.bindings };
}

export const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export type MilestoneCounts = { total: number; individual: number; collective: number; structures: number };
export type Breakdown = { dimension: 'legal_form' | 'siae_type' | 'sector' | 'theme' | 'department'; key: string | null; count: number };
export type LeadTime = { segment: 'intake_diagnostic' | 'diagnostic_convention' | 'convention_close_out' | 'intake_close_out'; count: number; median: number | null; mean: number | null };
export type Indicators = {
  milestones: Record<'received' | 'diagnosed' | 'accompanied', MilestoneCounts>;
  jobs: { structures: number; employees: number; insertion: number };
  breakdowns: Breakdown[];
  ingenieries: { count: number; daysContracted: number; daysConsumed: number; euros: number; eurosPerDay: number | null };
  providers: { name: string; count: number }[];
  leadTimes: LeadTime[];
  funders: { name: string; funder_type: string | null; accompaniments: number; amount: number }[];
};

export const DIMENSIONS = ['legal_form', 'siae_type', 'sector', 'theme', 'department'] as const;
export const SEGMENTS = ['intake_diagnostic', 'diagnostic_convention', 'convention_close_out', 'intake_close_out'] as const;
const MILESTONE_COLUMNS = { received: 'intake_on', diagnosed: 'diagnosed_on', accompanied: 'convention_on' } as const;

/**
 * Every figure in ONE statement: the CTEs (scope, population, milestones) are computed once and
 * each figure is a scalar subquery returning JSON. Six statements each recomputed the CTEs, and
 * on the national data set the round trips and the repeated scope cost more than the figures.
 */
async function allFigures(db: Db, scope: IndicatorScope, period: Period): Promise<Record<string, unknown>> {
  const c = ctes(db, scope);
  const figures = Object.entries(FIGURES).map(([name, sql]) => `(${sql}) as ${name}`);
  // knex takes positional (?) or named (:from) bindings, not both: the period's names become
  // positional, in the order they appear, after the scope's (its CTE comes first).
  const named: string[] = [];
  const text = `with ${c.sql}, ${EXTRA_CTES} select ${figures.join(',\n')}`.replace(/(?<!:):(from|to)\b/g, (_, key: 'from' | 'to') => {
    named.push(period[key]);
    return '?';
  });
  const res = await db.raw(text, [...c.bindings, ...named] as Knex.RawBinding[]);
  return res.rows[0] as Record<string, unknown>;
}

/** Distinct beneficiary structures of the population, and the population's selected bids. */
const EXTRA_CTES = `
  ps as (select distinct b.organisation_id from pop join accompaniment_beneficiaries b on b.accompaniment_id = pop.id),
  ing as (select pop.id, pop.budget_days, pop.budget_eur, cb.provider_id
            from pop join consultation_bids cb on cb.accompaniment_id = pop.id and cb.status = 'selected')`;

const milestoneColumns = Object.entries(MILESTONE_COLUMNS).flatMap(([name, col]) => {
  const inPeriod = `m.${col} between :from and :to`;
  return [
    `count(distinct m.id) filter (where ${inPeriod}) as ${name}_total`,
    `count(distinct m.id) filter (where ${inPeriod} and m.kind = 'individual') as ${name}_individual`,
    `count(distinct m.id) filter (where ${inPeriod} and m.kind = 'collective') as ${name}_collective`,
    `count(distinct b.organisation_id) filter (where ${inPeriod}) as ${name}_structures`,
  ];
});

const structureDim = (dim: string, col: string) =>
  `select '${dim}' as dimension, s.${col}::text as key, count(*) as count from ps left join structures s on s.organisation_id = ps.organisation_id group by s.${col}`;

/** One JSON value per figure (a row as an object, a list as an array). */
const FIGURES = {
  milestones: `select row_to_json(r) from (select ${milestoneColumns.join(', ')} from ms m left join accompaniment_beneficiaries b on b.accompaniment_id = m.id) r`,
  jobs: `select row_to_json(r) from (
           select count(*) as structures, sum(s.employees) as employees, sum(s.employees_in_insertion) as insertion
             from ps left join structures s on s.organisation_id = ps.organisation_id) r`,
  breakdowns: `select coalesce(json_agg(r order by r.dimension, r.count desc, r.key nulls last), '[]') from (
           ${structureDim('legal_form', 'legal_form')}
           union all ${structureDim('siae_type', 'siae_type')}
           union all ${structureDim('sector', 'sector')}
           union all select 'theme', th, count(distinct pop.id) from pop cross join lateral unnest(pop.themes) as th group by th
           union all select 'department', pop.department, count(*) from pop group by pop.department) r`,
  ingenieries: `select row_to_json(r) from (
           select count(*) as count, sum(budget_days) as days, sum(budget_eur) as euros,
                  (select sum(s.days_consumed) from sessions s join ing i on i.id = s.accompaniment_id) as consumed
             from ing) r`,
  providers: `select coalesce(json_agg(r order by r.count desc, r.name), '[]') from (
           select o.name, count(*) as count from ing join organisations o on o.id = ing.provider_id group by o.id, o.name) r`,
  lead_times: `select coalesce(json_agg(r), '[]') from (
           select v.segment, count(*) as count,
                  percentile_cont(0.5) within group (order by v.days) as median, round(avg(v.days), 1) as mean
             from ms cross join lateral (values
               ('intake_diagnostic', ms.diagnosed_on - ms.intake_on, ms.diagnosed_on),
               ('diagnostic_convention', ms.convention_on - ms.diagnosed_on, ms.convention_on),
               ('convention_close_out', ms.closed_out_on - ms.convention_on, ms.closed_out_on),
               ('intake_close_out', ms.closed_out_on - ms.intake_on, ms.closed_out_on)) as v(segment, days, end_on)
            where v.days is not null and v.end_on between :from and :to
            group by v.segment) r`,
  funders: `select coalesce(json_agg(r order by r.amount desc, r.name), '[]') from (
           select o.name, o.funder_type, count(distinct f.accompaniment_id) as accompaniments, sum(f.amount_eur) as amount
             from pop join accompaniment_funding f on f.accompaniment_id = pop.id join organisations o on o.id = f.funder_id
            group by o.id, o.name, o.funder_type) r`,
};

type Json = Record<string, unknown>;

/** Every figure of the page and of the exports, in one statement. */
export async function computeIndicators(db: Db, scope: IndicatorScope, period: Period): Promise<Indicators> {
  const r = await allFigures(db, scope, period);
  const m = r.milestones as Json;
  const milestone = (name: string): MilestoneCounts => ({
    total: num(m[`${name}_total`]),
    individual: num(m[`${name}_individual`]),
    collective: num(m[`${name}_collective`]),
    structures: num(m[`${name}_structures`]),
  });
  const j = r.jobs as Json;
  const ing = r.ingenieries as Json;
  const days = num(ing.days);
  const euros = num(ing.euros);
  const leadTimes = r.lead_times as Json[];
  return {
    milestones: { received: milestone('received'), diagnosed: milestone('diagnosed'), accompanied: milestone('accompanied') },
    jobs: { structures: num(j.structures), employees: num(j.employees), insertion: num(j.insertion) },
    breakdowns: (r.breakdowns as Json[]).map((b) => ({ dimension: b.dimension as Breakdown['dimension'], key: (b.key as string | null) ?? null, count: num(b.count) })),
    ingenieries: { count: num(ing.count), daysContracted: days, daysConsumed: num(ing.consumed), euros, eurosPerDay: days > 0 ? Math.round((euros / days) * 100) / 100 : null },
    providers: (r.providers as Json[]).map((p) => ({ name: String(p.name), count: num(p.count) })),
    leadTimes: SEGMENTS.map((segment) => {
      const l = leadTimes.find((x) => x.segment === segment);
      return { segment, count: num(l?.count), median: numOrNull(l?.median), mean: numOrNull(l?.mean) };
    }),
    funders: (r.funders as Json[]).map((f) => ({ name: String(f.name), funder_type: (f.funder_type as string | null) ?? null, accompaniments: num(f.accompaniments), amount: num(f.amount) })),
  };
}

/** Operators an admin can pick from. */
export function operatorOptions(db: Db) {
  return db('organisations').where({ kind: 'operator' }).orderBy('name').select('id', 'name');
}
