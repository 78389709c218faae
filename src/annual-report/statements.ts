import type { Knex } from 'knex';
import type { Db } from '../platform/db';
import { heldBySql } from '../sessions/days-consumed';
import { operatorIdsOf, type ReportScope } from './scope';

/**
 * The annual report's SQL (its definitions: queries.ts): the structures' CTEs over the parcours'
 * facts and their sections, the money by funder, what follows close-out (satisfaction, follow-up),
 * each written with named bindings (:from, :to, :year, :ops) that `positional` turns into knex's.
 */

/**
 * A snapshot's employees (CDI + CDD + contrats aidés + insertion); null when none of them is filled in:
 * employeesOf (src/headcounts/impact.ts) written in SQL, for sums over a whole year.
 */
export const snapshotEmployeesSql = (h: string) =>
  `case when num_nonnulls(${h}.employees_cdi, ${h}.employees_cdd, ${h}.employees_assisted, ${h}.employees_insertion) = 0 then null
        else coalesce(${h}.employees_cdi, 0) + coalesce(${h}.employees_cdd, 0) + coalesce(${h}.employees_assisted, 0)
             + coalesce(${h}.employees_insertion, 0) end`;

/** The size class of a number of employees (null: not known). */
export const sizeClassSql = (e: string) =>
  `case when ${e} is null then null when ${e} = 0 then '0' when ${e} < 10 then '1_9' when ${e} < 50 then '10_49'
        when ${e} < 250 then '50_249' else '250_plus' end`;

/**
 * CTEs over the parcours' facts (ev, pw, acts of src/indicators/pathways.ts):
 * - st: each structure concerned, with which facts it had in the year;
 * - dg: each structure's latest diagnostic up to the year's end;
 * - sd: the structures concerned with their record and size class (its snapshot looked up by key);
 * - ty: the actions started in the year with their type (a consultancy's from its case) and case;
 * - ing: the consultancies started in the year, once per case.
 */
export const STRUCTURE_CTES = `st as (
    select ev.organisation_id,
           bool_or(ev.what in ('request', 'opened')) as welcomed,
           bool_or(ev.what = 'diagnosed') as diagnosed,
           bool_or(ev.what = 'consultancy') as accompanied,
           bool_or(ev.what = 'oriented') as oriented
      from ev group by ev.organisation_id),
  dg as (select w.organisation_id, max(w.diagnosed_on) as diagnosed_on from pw w where w.diagnosed_on <= :to group by 1),
  sd as (
    select st.*, s.legal_form, nullif(trim(s.sector), '') as sector, s.siae_type, dg.diagnosed_on,
           ${sizeClassSql('e.employees')} as size_class
      from st
      left join dg on dg.organisation_id = st.organisation_id
      left join structures s on s.organisation_id = st.organisation_id
      cross join lateral (select coalesce(
        (select ${snapshotEmployeesSql('h')} from structure_headcounts h
          where h.organisation_id = st.organisation_id and h.recorded_on <= dg.diagnosed_on
          order by h.recorded_on desc, h.id desc limit 1), s.employees) as employees) e),
  ty as (
    select acts.*, case when acts.kind = 'consultancy' then ac.kind || '_consultancy' else acts.kind end as action_type,
           ac.themes, ac.budget_days, ac.budget_eur
      from acts left join lateral (select ac.kind, ac.themes, ac.budget_days, ac.budget_eur from accompaniments ac
                                    where ac.id = acts.accompaniment_id limit 1) ac on true),
  ing as (select distinct on (ty.accompaniment_id) ty.accompaniment_id, ty.action_type, ty.themes, ty.budget_days, ty.budget_eur
            from ty where ty.kind = 'consultancy' order by ty.accompaniment_id)`;

const list = (select: string, order: string) =>
  `select coalesce(json_agg(r order by ${order}), '[]') from (${select}) r`;

const STAGES = `count(*) as structures, count(*) filter (where welcomed) as welcomed,
  count(*) filter (where diagnosed) as diagnosed, count(*) filter (where accompanied) as accompanied,
  count(*) filter (where oriented) as oriented`;

// The days consumed in the year: the sessions' rule "held by a day" (its one binding, the year's end),
// from the year's first day, over every consultancy of the scope's parcours. The whole country's are
// a plain join (the year's sessions hashed: a lookup per case cost 0.6 s on half the national data);
// an operator's or a region's few hundred cases look their sessions up by key (a scan of every
// session of the country cost 0.2 s).
const consumedSql = (national: boolean) => `select coalesce(sum(s.days_consumed), 0)
   from (select distinct a.accompaniment_id from sp join pathway_actions a on a.pathway_id = sp.id
          where a.kind = 'consultancy') c
   ${national ? 'join sessions s on s.accompaniment_id = c.accompaniment_id' : 'join lateral (select s.* from sessions s where s.accompaniment_id = c.accompaniment_id offset 0) s on true'}
  where ${heldBySql('s').replace('?', ':to')} and (s.starts_at at time zone 'Europe/Paris')::date >= :from`;

export const structureFigures = (national: boolean) => ({
  // Legal form, sector, size class and SIAE type in one pass (grouping sets): within a set the other
  // columns are null, so coalesce() is that set's own value.
  breakdowns: list(
    `select case when grouping(legal_form) = 0 then 'legal_form' when grouping(sector) = 0 then 'sector'
                 when grouping(size_class) = 0 then 'size_class' else 'siae_type' end as dimension,
            coalesce(legal_form, sector, size_class, siae_type) as key, ${STAGES}
       from sd group by grouping sets ((legal_form), (sector), (size_class), (siae_type))`,
    'r.dimension, r.structures desc, r.key nulls last',
  ),
  concerned: `select row_to_json(r) from (select ${STAGES} from sd) r`,
  jobs: `select row_to_json(r) from (
      select count(*) as structures, sum(h.employees_cdi) as cdi, sum(h.employees_cdd) as cdd,
             sum(h.employees_assisted) as assisted, sum(h.employees_insertion) as insertion,
             sum(${snapshotEmployeesSql('h')}) as total, sum(h.fte) as fte, sum(h.volunteers) as volunteers
        from st cross join lateral (
          select h.* from structure_headcounts h
           where h.organisation_id = st.organisation_id and h.occasion = 'diagnostic' and h.recorded_on <= :to
           order by h.recorded_on desc, h.id desc limit 1) h
       where st.diagnosed) r`,
  action_types: list(
    `select ty.action_type, count(*) as actions, count(distinct ty.organisation_id) as structures,
            count(distinct ty.accompaniment_id) as cases, coalesce(sum(ty.hours), 0) as hours
       from ty group by ty.action_type`,
    'r.action_type',
  ),
  consultancies: list(
    `select ing.action_type, count(*) as cases, sum(ing.budget_days) as days, sum(ing.budget_eur) as euros
       from ing group by ing.action_type`,
    'r.action_type',
  ),
  themes: list(
    `select th as theme, count(*) as cases from ing cross join lateral unnest(ing.themes) as th group by th`,
    'r.cases desc, r.theme',
  ),
  days: `select row_to_json(r) from (
      select count(*) as cases, sum(ing.budget_days) as contracted, sum(ing.budget_eur) as euros,
             (${consumedSql(national)}) as consumed from ing) r`,
});

/**
 * Named bindings (:from, :to, :year, :ops) as knex's positional ones; a list (:ops) becomes one
 * placeholder per id (an empty list matches nothing).
 */
export function positional(sql: string, values: Record<string, string | number | string[]>) {
  const bindings: Knex.RawBinding[] = [];
  const text = sql.replace(/(?<!:):(\w+)\b/g, (whole, key: string) => {
    if (!(key in values)) return whole;
    const v = values[key];
    if (!Array.isArray(v)) {
      bindings.push(v);
      return '?';
    }
    const ids = v.length ? v : ['0'];
    bindings.push(...ids);
    return ids.map(() => '?').join(', ');
  });
  return { text, bindings };
}

/** The condition "this operator column is in the scope" (true for the whole country). */
const inScope = (scope: ReportScope, column: string) =>
  operatorIdsOf(scope) === null ? 'true' : `${column} in (:ops)`;

export const moneySql = (scope: ReportScope) => `with env as (
    select e.id, e.funder_id, e.year, e.amount_eur from funding_envelopes e where ${inScope(scope, 'e.operator_id')}),
  com as (select c.id, c.accompaniment_id, c.amount_eur, c.committed_on, c.status, env.funder_id
            from envelope_commitments c join env on env.id = c.envelope_id),
  x as (
    select 'envelope' as kind, env.funder_id, env.amount_eur as amount, null::bigint as accompaniment_id, null::numeric as days
      from env where env.year = :year
    union all
    select 'committed', com.funder_id, com.amount_eur, com.accompaniment_id, a.budget_days
      from com join accompaniments a on a.id = com.accompaniment_id
     where com.status = 'committed' and com.committed_on between :from and :to
    union all
    select 'paid', com.funder_id, p.amount_eur, null, null
      from com join purchase_orders po on po.commitment_id = com.id
      join provider_invoices i on i.purchase_order_id = po.id
      join payments p on p.invoice_id = i.id
     where p.paid_on between :from and :to)
  select o.name, o.funder_type, f.*
    from (select x.funder_id,
                 coalesce(sum(x.amount) filter (where x.kind = 'envelope'), 0) as envelopes,
                 coalesce(sum(x.amount) filter (where x.kind = 'committed'), 0) as committed,
                 coalesce(sum(x.amount) filter (where x.kind = 'paid'), 0) as paid,
                 count(distinct x.accompaniment_id) as cases,
                 coalesce(sum(x.days), 0) as days
            from x group by x.funder_id) f
    join organisations o on o.id = f.funder_id
   order by o.name, f.funder_id`;

export const satisfactionColumns = ['score_quality', 'score_listening', 'score_deliverables', 'score_overall'];
export const afterCloseSql = (scope: ReportScope) => `select
  (select row_to_json(r) from (
     select count(*) as surveys,
            ${satisfactionColumns.map((c) => `round(avg(s.${c}), 2) as ${c}`).join(', ')},
            ${[1, 2, 3, 4, 5].map((n) => `count(*) filter (where s.score_overall = ${n}) as overall_${n}`).join(', ')}
       from satisfaction_surveys s join accompaniments a on a.id = s.accompaniment_id
      where ${inScope(scope, 'a.operator_id')} and s.answered_on between :from and :to) r) as satisfaction,
  (select coalesce(json_agg(r), '[]') from (
     select c.criterion, c.rating, count(*) as checkpoints
       from follow_up_checkpoints f join accompaniments a on a.id = f.accompaniment_id
       cross join lateral (values ('jobs', f.jobs_rating), ('economic_health', f.economic_health_rating),
                                  ('strategic_vision', f.strategic_vision_rating),
                                  ('local_partnerships', f.local_partnerships_rating)) as c(criterion, rating)
      where ${inScope(scope, 'a.operator_id')} and f.recorded_at is not null and c.rating is not null
        and coalesce(f.held_on, (f.recorded_at at time zone 'Europe/Paris')::date) between :from and :to
      group by c.criterion, c.rating) r) as follow_up`;

/**
 * Runs a report's statement with PostgreSQL's JIT compilation off (SET LOCAL, this transaction only):
 * a national year's statement is estimated costly enough to be compiled, and compiling its few hundred
 * expressions took longer (about 0.9 s on half the national bench data set) than running them.
 */
export async function withoutJit<T>(db: Db, read: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw('set local jit = off');
    return read(trx);
  });
}
