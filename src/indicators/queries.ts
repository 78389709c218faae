import type { Knex } from 'knex';
import { scopeAccompaniments } from '../accompaniments/scope';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Rows } from '../platform/db';

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
/**
 * Who reads the figures, narrowed by an admin to one operator (operatorId) or to a set of them
 * (operatorIds: a region's, for the annual report); the user's own scope always applies first.
 */
export type IndicatorScope = { user: SessionUser; operatorId: string | null; operatorIds?: string[] | null };

/** The operators an admin narrowed the figures to, as a list for whereIn (an empty list matches none). */
export const narrowedTo = (scope: IndicatorScope) => scope.operatorIds ?? null;

/** The accompaniments the user may see, optionally narrowed to one operator (admins). */
export function scoped(db: Db, scope: IndicatorScope) {
  const q = db('accompaniments as a').select('a.*');
  scopeAccompaniments(db, scope.user, q);
  if (scope.operatorId) q.where('a.operator_id', scope.operatorId);
  const ids = narrowedTo(scope);
  if (ids) q.whereIn('a.operator_id', ids);
  return q;
}

/**
 * CTEs shared by the figures, each computed once:
 * - sc: the scoped accompaniments, only the columns the figures read;
 * - ms: one row per scoped accompaniment with its milestone dates, stored on the case by the
 *   writes to its transitions (migrations/20261204001100_case_milestones.ts), and whether each
 *   milestone falls in the period;
 * - pop: the population (received in the period);
 * - mb: the beneficiary structures of the cases with a milestone in the period, read once for the
 *   milestone figures and the population's structures;
 * - ps: the population's distinct beneficiary structures with the columns of the jobs and
 *   breakdowns, read once rather than once per figure.
 */
function ctes(db: Db, scope: IndicatorScope) {
  // The scope's values stay bindings (not inlined): one SQL text, hence one prepared statement
  // (src/platform/prepared.ts), for every operator and funder.
  const sc = scoped(db, scope)
    .clearSelect()
    .select(
      'a.id',
      'a.kind',
      'a.intake_on',
      'a.department',
      'a.themes',
      'a.budget_days',
      'a.budget_eur',
      'a.diagnosed_on',
      'a.convention_on',
      'a.closed_out_on',
    )
    .toSQL();
  // ps looks each structure up by its key (LIMIT 1 on the primary key keeps it a per-row lookup):
  // in a generic plan PostgreSQL cannot know how small the population is and may otherwise pick a
  // scan of every structure, which costs more than the whole statement for an operator.
  const sql = `sc as (${sc.sql}),
    ms as (
      select sc.id, sc.kind, sc.intake_on, sc.diagnosed_on, sc.convention_on, sc.closed_out_on,
             sc.intake_on between :from and :to as received,
             sc.diagnosed_on between :from and :to as diagnosed,
             sc.convention_on between :from and :to as accompanied
        from sc),
    pop as (select * from sc where sc.intake_on between :from and :to),
    mb as (select m.received, m.diagnosed, m.accompanied, b.organisation_id
             from ms m join accompaniment_beneficiaries b on b.accompaniment_id = m.id
            where m.received or m.diagnosed or m.accompanied),
    ps as (select d.organisation_id, s.legal_form, s.siae_type, s.sector, s.employees, s.employees_in_insertion
             from (select distinct organisation_id from mb where received) d
             left join lateral (select s.* from structures s where s.organisation_id = d.organisation_id limit 1) s on true),
    ing as (select pop.id, pop.budget_days, pop.budget_eur, cb.provider_id
              from pop join consultation_bids cb on cb.accompaniment_id = pop.id and cb.status = 'selected')`;
  return { sql, bindings: sc.bindings };
}

export const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export type MilestoneCounts = { total: number; individual: number; collective: number; structures: number };
export type Breakdown = {
  dimension: 'legal_form' | 'siae_type' | 'sector' | 'theme' | 'department';
  key: string | null;
  count: number;
};
export type LeadTime = {
  segment: 'intake_diagnostic' | 'diagnostic_convention' | 'convention_close_out' | 'intake_close_out';
  count: number;
  median: number | null;
  mean: number | null;
};
export type Indicators = {
  milestones: Record<'received' | 'diagnosed' | 'accompanied', MilestoneCounts>;
  jobs: { structures: number; employees: number; insertion: number };
  breakdowns: Breakdown[];
  ingenieries: {
    count: number;
    daysContracted: number;
    daysConsumed: number;
    euros: number;
    eurosPerDay: number | null;
  };
  providers: { name: string; count: number }[];
  leadTimes: LeadTime[];
  funders: { name: string; funder_type: string | null; accompaniments: number; amount: number }[];
};

export const DIMENSIONS = ['legal_form', 'siae_type', 'sector', 'theme', 'department'] as const;
export const SEGMENTS = [
  'intake_diagnostic',
  'diagnostic_convention',
  'convention_close_out',
  'intake_close_out',
] as const;

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
  const text = `with ${c.sql} select ${figures.join(',\n')}`.replace(/(?<!:):(from|to)\b/g, (_, key: 'from' | 'to') => {
    named.push(period[key]);
    return '?';
  });
  const res = await db.raw<Rows<Record<string, unknown>>>(text, [...c.bindings, ...named] as Knex.RawBinding[]);
  return res.rows[0];
}

const MILESTONES = ['received', 'diagnosed', 'accompanied'] as const;

// A case counts once per milestone (ms has one row per case); its structures are counted distinct.
const milestoneColumns = MILESTONES.flatMap((name) => [
  `count(*) filter (where m.${name}) as ${name}_total`,
  `count(*) filter (where m.${name} and m.kind = 'individual') as ${name}_individual`,
  `count(*) filter (where m.${name} and m.kind = 'collective') as ${name}_collective`,
]);
const milestoneStructures = MILESTONES.map(
  (name) => `count(distinct b.organisation_id) filter (where b.${name}) as ${name}_structures`,
);

// Each segment over the cases whose end milestone is in the period, in one pass over ms.
const LEAD_TIMES: Record<(typeof SEGMENTS)[number], { days: string; end: string }> = {
  intake_diagnostic: { days: 'ms.diagnosed_on - ms.intake_on', end: 'ms.diagnosed_on' },
  diagnostic_convention: { days: 'ms.convention_on - ms.diagnosed_on', end: 'ms.convention_on' },
  convention_close_out: { days: 'ms.closed_out_on - ms.convention_on', end: 'ms.closed_out_on' },
  intake_close_out: { days: 'ms.closed_out_on - ms.intake_on', end: 'ms.closed_out_on' },
};
const leadTimeColumns = Object.entries(LEAD_TIMES).flatMap(([segment, { days, end }]) => {
  const cases = `filter (where ${days} is not null and ${end} between :from and :to)`;
  return [
    `count(*) ${cases} as ${segment}_count`,
    `percentile_cont(0.5) within group (order by ${days}) ${cases} as ${segment}_median`,
    `round(avg(${days}) ${cases}, 1) as ${segment}_mean`,
  ];
});

/** One JSON value per figure (a row as an object, a list as an array). */
const FIGURES = {
  milestones: `select row_to_json(r) from (select * from (select ${milestoneColumns.join(', ')} from ms m) m,
           (select ${milestoneStructures.join(', ')} from mb b) b) r`,
  jobs: `select row_to_json(r) from (
           select count(*) as structures, sum(ps.employees) as employees, sum(ps.employees_in_insertion) as insertion from ps) r`,
  // Legal form, SIAE type and sector in one pass (grouping sets): within a set the two other
  // columns are null, so coalesce() is that set's own value.
  breakdowns: `select coalesce(json_agg(r order by r.dimension, r.count desc, r.key nulls last), '[]') from (
           select case when grouping(ps.legal_form) = 0 then 'legal_form' when grouping(ps.siae_type) = 0 then 'siae_type' else 'sector' end as dimension,
                  coalesce(ps.legal_form, ps.siae_type, ps.sector) as key, count(*) as count
             from ps group by grouping sets ((ps.legal_form), (ps.siae_type), (ps.sector))
           union all select 'theme', th, count(distinct id) from (select pop.id, unnest(pop.themes) as th from pop) t group by th
           union all select 'department', pop.department, count(*) from pop group by pop.department) r`,
  ingenieries: `select row_to_json(r) from (
           select count(*) as count, sum(budget_days) as days, sum(budget_eur) as euros,
                  (select sum(s.days_consumed) from sessions s join ing i on i.id = s.accompaniment_id) as consumed
             from ing) r`,
  // Providers and funders are grouped by id before their names are read: one lookup per
  // organisation rather than one per case.
  providers: `select coalesce(json_agg(r order by r.count desc, r.name), '[]') from (
           select o.name, p.count from (select provider_id, count(*) as count from ing group by provider_id) p
             join organisations o on o.id = p.provider_id) r`,
  lead_times: `select row_to_json(r) from (select ${leadTimeColumns.join(',\n')} from ms) r`,
  funders: `select coalesce(json_agg(r order by r.amount desc, r.name), '[]') from (
           select o.name, o.funder_type, f.accompaniments, f.amount
             from (select f.funder_id, count(distinct f.accompaniment_id) as accompaniments, sum(f.amount_eur) as amount
                     from pop join accompaniment_funding f on f.accompaniment_id = pop.id group by f.funder_id) f
             join organisations o on o.id = f.funder_id) r`,
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
  const l = r.lead_times as Json;
  return {
    milestones: {
      received: milestone('received'),
      diagnosed: milestone('diagnosed'),
      accompanied: milestone('accompanied'),
    },
    jobs: { structures: num(j.structures), employees: num(j.employees), insertion: num(j.insertion) },
    breakdowns: (r.breakdowns as Json[]).map((b) => ({
      dimension: b.dimension as Breakdown['dimension'],
      key: (b.key as string | null) ?? null,
      count: num(b.count),
    })),
    ingenieries: {
      count: num(ing.count),
      daysContracted: days,
      daysConsumed: num(ing.consumed),
      euros,
      eurosPerDay: days > 0 ? Math.round((euros / days) * 100) / 100 : null,
    },
    providers: (r.providers as Json[]).map((p) => ({ name: String(p.name), count: num(p.count) })),
    leadTimes: SEGMENTS.map((segment) => ({
      segment,
      count: num(l[`${segment}_count`]),
      median: numOrNull(l[`${segment}_median`]),
      mean: numOrNull(l[`${segment}_mean`]),
    })),
    funders: (r.funders as Json[]).map((f) => ({
      name: String(f.name),
      funder_type: (f.funder_type as string | null) ?? null,
      accompaniments: num(f.accompaniments),
      amount: num(f.amount),
    })),
  };
}

/** Operators an admin can pick from. */
export function operatorOptions(db: Db) {
  return db('organisations').where({ kind: 'operator' }).orderBy('name').select('id', 'name');
}
