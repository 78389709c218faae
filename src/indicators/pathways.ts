import type { Knex } from 'knex';
import type { Db, Rows } from '../platform/db';
import { narrowedTo, num, numOrNull, type IndicatorScope, type Period } from './queries';

/**
 * Figures of the DLA parcours (issue 19), in ONE statement over the parcours and requests the user
 * may see: operator staff → their operator's, admin → all or one operator, funder → only the
 * parcours with a consultancy it funds (and the requests of those structures at that operator).
 *
 * Definitions (also shown on the page), every date being the day the fact happened:
 * - requests received: intake requests whose received_on is in the period;
 * - structures welcomed (accueillies): distinct structures with a request received in the period, or
 *   whose parcours opened without a request in the period (carried over from before Jalons);
 * - diagnosed: distinct structures whose parcours' diagnostic is dated in the period (its own
 *   diagnostic, or the validation of the collective diagnostic it shares with an accompaniment);
 * - accompanied: distinct structures with a consultancy action started in the period (convention
 *   signed: the consultancy entered delivery);
 * - oriented: distinct structures oriented to a partner in the period, by an orientation action of
 *   their parcours or by the outcome of a request; by partner, each structure once per partner;
 * - appui-conseil hours: hours of the appui-conseil actions held in the period;
 * - actions by type: actions started in the period (a planned action has not started), and the
 *   distinct parcours they belong to;
 * - lead times (days, median), over the parcours whose end step is in the period: request (or
 *   opening, without one) → diagnostic; diagnostic → first action started on or after it;
 *   request → first action;
 * - committee opinions: comité d'appui items whose opinion is dated in the period, by opinion;
 * - per year (of each fact's date), per coordinator (the parcours' coordinator, else the request's
 *   owner), per funder (the funders of the parcours' consultancies; a funder sees only itself);
 * - the parcours counted (diagnostics, actions, lead times, opinions, funders): those active in the
 *   period, i.e. open on some day of it or whose structure has a request received or oriented in it;
 *   a fact of a parcours closed before the period or opened after it is not counted (ap below).
 */

export const ACTION_KINDS = ['consultancy', 'advice', 'orientation', 'local_offer'] as const;
export const OPINIONS = ['favorable', 'favorable_with_reservations', 'rework', 'unfavorable'] as const;
export const PATHWAY_SEGMENTS = ['request_diagnostic', 'diagnostic_action', 'request_action'] as const;

/** The figures of one line: the whole period, one year, one coordinator or one funder. */
export type PathwayCounts = {
  requests: number;
  welcomed: number;
  diagnosed: number;
  accompanied: number;
  oriented: number;
  adviceHours: number;
};
export type PathwayFigures = {
  totals: PathwayCounts;
  byYear: ({ year: number } & PathwayCounts)[];
  byCoordinator: ({ name: string | null } & PathwayCounts)[];
  byFunder: ({ name: string } & PathwayCounts)[];
  orientations: { partner: string | null; structures: number }[];
  actions: { kind: (typeof ACTION_KINDS)[number]; actions: number; pathways: number; hours: number }[];
  leadTimes: { segment: (typeof PATHWAY_SEGMENTS)[number]; count: number; median: number | null }[];
  opinions: { opinion: (typeof OPINIONS)[number]; items: number }[];
};

/** The parcours the user may see. */
function scopedPathways(db: Db, scope: IndicatorScope) {
  const q = db('pathways as p').select(
    'p.id',
    'p.operator_id',
    'p.organisation_id',
    'p.coordinator_id',
    'p.intake_request_id',
    'p.opened_on',
    'p.diagnosed_on',
    'p.shared_diagnostic_accompaniment_id',
    'p.closed_on',
  );
  const { user } = scope;
  switch (user.role) {
    case 'admin':
      break;
    case 'manager':
    case 'coordinator':
      q.where('p.operator_id', user.organisation_id);
      break;
    case 'funder':
      // The parcours whose consultancies it funds, as the accompaniments' own funder scope says.
      q.whereExists(
        db('pathway_actions as fa')
          .join('accompaniment_funding as ff', 'ff.accompaniment_id', 'fa.accompaniment_id')
          .whereRaw('fa.pathway_id = p.id')
          .where({ 'fa.kind': 'consultancy', 'ff.funder_id': user.organisation_id }),
      );
      break;
    default:
      q.whereRaw('false');
  }
  if (scope.operatorId) q.where('p.operator_id', scope.operatorId);
  const ids = narrowedTo(scope);
  if (ids) q.whereIn('p.operator_id', ids);
  return q;
}

/** The requests the user may see: staff, their operator's; a funder, those of the structures of its parcours. */
function scopedRequests(db: Db, scope: IndicatorScope) {
  const q = db('intake_requests as r').select(
    'r.id',
    'r.operator_id',
    'r.organisation_id',
    'r.owner_id',
    'r.received_on',
    'r.status',
    'r.outcome_on',
    'r.outcome_partner',
  );
  const { user } = scope;
  switch (user.role) {
    case 'admin':
      break;
    case 'manager':
    case 'coordinator':
      q.where('r.operator_id', user.organisation_id);
      break;
    case 'funder':
      q.whereExists(
        db('sp').whereRaw('sp.operator_id = r.operator_id and sp.organisation_id = r.organisation_id').select(1),
      );
      break;
    default:
      q.whereRaw('false');
  }
  if (scope.operatorId) q.where('r.operator_id', scope.operatorId);
  const ids = narrowedTo(scope);
  if (ids) q.whereIn('r.operator_id', ids);
  return q;
}

// The funnel's columns, over ev rows.
const COUNTS = `count(*) filter (where what = 'request') as requests,
  count(distinct organisation_id) filter (where what in ('request', 'opened')) as welcomed,
  count(distinct organisation_id) filter (where what = 'diagnosed') as diagnosed,
  count(distinct organisation_id) filter (where what = 'consultancy') as accompanied,
  count(distinct organisation_id) filter (where what = 'oriented') as oriented,
  coalesce(sum(hours) filter (where what = 'advice'), 0) as advice_hours`;
const COUNT_NAMES = 'requests, welcomed, diagnosed, accompanied, oriented, advice_hours';

/**
 * - sp, sr: the parcours and requests in scope, inlined where they are used (not materialized), so
 *   that the planner joins the tables with their statistics: a join of two materialized CTEs is
 *   estimated blindly, and the inflated cost made PostgreSQL compile the statement (JIT) for seconds.
 *   What hangs on a parcours is looked up per parcours (lateral, by key; `offset 0` keeps the planner
 *   from flattening it into a join over the whole table), as queries.ts does for the structures: for
 *   an operator's few hundred parcours, never a scan of the national tables;
 * - rp: the requests in scope received or oriented in the period, read once (ap and ev use them);
 * - ap: the parcours active in the period, the only ones whose diagnostic, actions and opinions are read:
 *   open on some day of it (opened by its end, not closed before its start), or whose structure has a
 *   request at the operator received or oriented in it (its figures are then attributed to the parcours'
 *   coordinator and funders). A year's figures no longer look up every parcours the operator ever had
 *   (operator 1 of the bench: half of them for 2025);
 * - pa: each active parcours with its start (request received, else opening), its diagnostic and each of
 *   its actions (one row without an action when it has none): its actions are read once, here, and pw,
 *   acts and pf are derived from these rows (three lookups of each parcours' actions before);
 * - pw: one row per active parcours with its start, diagnostic and first actions (opinions are looked up from it);
 * - acts: the actions started in the period, with their parcours' structure and coordinator (and a
 *   consultancy's accompaniment);
 * - ev: one row per fact dated in the period (what, structure, parcours, coordinator, day, hours, partner, operator),
 *   the source of the funnel and of its lines per year, coordinator and funder. A request of the period finds
 *   its structure's parcours in pw (that parcours is active, by ap's definition), and a parcours opened in
 *   the period is open in it (closed_on >= opened_on): no second read of the parcours;
 * - ec: the funnel's counts in one pass over ev: the whole period, each year and each coordinator
 *   (grouping sets; `line` says which);
 * - pf: the funders of each parcours' consultancies (a funder: only itself).
 */
export function pathwayCtes(db: Db, scope: IndicatorScope) {
  const sp = scopedPathways(db, scope).toSQL();
  const sr = scopedRequests(db, scope).toSQL();
  // A funder's own line only: :funder is bound with the period's names (positional, in text order).
  const funderOnly = scope.user.role === 'funder' ? 'and f.funder_id = :funder' : '';
  const sql = `sp as not materialized (${sp.sql}),
    sr as not materialized (${sr.sql}),
    rp as (
      select r.* from sr r
       where r.received_on between :from and :to or (r.status = 'oriented' and r.outcome_on between :from and :to)),
    ap as not materialized (
      select sp.* from sp
       where (sp.opened_on <= :to and (sp.closed_on is null or sp.closed_on >= :from))
          or exists (select 1 from rp r where r.operator_id = sp.operator_id and r.organisation_id = sp.organisation_id)),
    pa as (
      select ap.id, ap.operator_id, ap.organisation_id, ap.coordinator_id, ap.intake_request_id, ap.opened_on,
             coalesce(rq.received_on, ap.opened_on) as started_on,
             coalesce(ap.diagnosed_on, da.diagnosed_on) as diagnosed_on,
             a.kind, a.started_on as action_on, a.hours, a.partner, a.accompaniment_id
        from ap
        left join lateral (select rq.received_on from intake_requests rq where rq.id = ap.intake_request_id limit 1) rq on true
        left join lateral (select da.diagnosed_on from accompaniments da
                            where da.id = ap.shared_diagnostic_accompaniment_id limit 1) da on true
        left join lateral (select a.kind, a.started_on, a.hours, a.partner, a.accompaniment_id
                             from pathway_actions a where a.pathway_id = ap.id offset 0) a on true),
    pw as (
      select id, operator_id, organisation_id, coordinator_id, intake_request_id, opened_on, started_on, diagnosed_on,
             min(action_on) as first_action_on,
             min(action_on) filter (where action_on >= diagnosed_on) as action_after_diagnostic_on
        from pa group by id, operator_id, organisation_id, coordinator_id, intake_request_id, opened_on, started_on, diagnosed_on),
    acts as (
      select id as pathway_id, operator_id, organisation_id, coordinator_id, kind, action_on as started_on, hours, partner,
             accompaniment_id
        from pa where action_on between :from and :to),
    ev as (
      select 'request' as what, r.organisation_id, p.id as pathway_id, coalesce(p.coordinator_id, r.owner_id) as coordinator_id,
             r.received_on as on_date, null::numeric as hours, null::text as partner, r.operator_id
        from rp r left join pw p on p.operator_id = r.operator_id and p.organisation_id = r.organisation_id
       where r.received_on between :from and :to
      union all
      select 'oriented', r.organisation_id, p.id, coalesce(p.coordinator_id, r.owner_id), r.outcome_on, null, r.outcome_partner,
             r.operator_id
        from rp r left join pw p on p.operator_id = r.operator_id and p.organisation_id = r.organisation_id
       where r.status = 'oriented' and r.outcome_on between :from and :to
      union all
      select 'opened', p.organisation_id, p.id, p.coordinator_id, p.opened_on, null, null, p.operator_id
        from pw p where p.intake_request_id is null and p.opened_on between :from and :to
      union all
      select 'diagnosed', w.organisation_id, w.id, w.coordinator_id, w.diagnosed_on, null, null, w.operator_id
        from pw w where w.diagnosed_on between :from and :to
      union all
      select case a.kind when 'orientation' then 'oriented' else a.kind end, a.organisation_id, a.pathway_id, a.coordinator_id,
             a.started_on, a.hours, a.partner, a.operator_id
        from acts a),
    ec as (
      select case when grouping(year) = 0 then 'year' when grouping(coordinator_id) = 0 then 'coordinator' else 'total' end as line,
             year, coordinator_id, ${COUNTS}
        from (select ev.*, extract(year from on_date)::int as year from ev) ev
       group by grouping sets ((), (year), (coordinator_id))),
    pf as not materialized (
      select distinct pa.id as pathway_id, f.funder_id
        from pa join accompaniment_funding f on f.accompaniment_id = pa.accompaniment_id
       where pa.kind = 'consultancy' ${funderOnly})`;
  const bindings = [...sp.bindings, ...sr.bindings];
  return { sql, bindings };
}

const list = (select: string, order: string) =>
  `select coalesce(json_agg(r order by ${order}), '[]') from (${select}) r`;

const LEAD_TIMES: Record<(typeof PATHWAY_SEGMENTS)[number], { days: string; end: string }> = {
  request_diagnostic: { days: 'diagnosed_on - started_on', end: 'diagnosed_on' },
  diagnostic_action: { days: 'action_after_diagnostic_on - diagnosed_on', end: 'action_after_diagnostic_on' },
  request_action: { days: 'first_action_on - started_on', end: 'first_action_on' },
};
const leadTimeColumns = Object.entries(LEAD_TIMES).flatMap(([segment, { days, end }]) => {
  const rows = `filter (where ${days} is not null and ${end} between :from and :to)`;
  return [
    `count(*) ${rows} as ${segment}_count`,
    `percentile_cont(0.5) within group (order by ${days}) ${rows} as ${segment}_median`,
  ];
});

/** One JSON value per figure (the annual report picks its totals and orientations). */
export const PATHWAY_FIGURES = {
  totals: `select row_to_json(r) from (select ${COUNT_NAMES} from ec where line = 'total') r`,
  by_year: list(`select year, ${COUNT_NAMES} from ec where line = 'year'`, 'r.year'),
  by_coordinator: list(
    `select (select u.name from users u where u.id = ec.coordinator_id) as name, coordinator_id, ${COUNT_NAMES}
       from ec where line = 'coordinator'`,
    'r.name nulls last',
  ),
  by_funder: list(
    `select o.name, c.* from (select pf.funder_id, ${COUNTS} from ev join pf on pf.pathway_id = ev.pathway_id group by pf.funder_id) c
       join organisations o on o.id = c.funder_id`,
    'r.name',
  ),
  orientations: list(
    `select nullif(trim(partner), '') as partner, count(distinct organisation_id) as structures
       from ev where what = 'oriented' group by 1`,
    'r.structures desc, r.partner nulls last',
  ),
  actions: list(
    `select kind, count(*) as actions, count(distinct pathway_id) as pathways, coalesce(sum(hours), 0) as hours
       from acts group by kind`,
    'r.kind',
  ),
  lead_times: `select row_to_json(r) from (select ${leadTimeColumns.join(',\n')} from pw) r`,
  opinions: list(
    `select i.opinion, count(*) as items
       from pw join lateral (select i.opinion from support_committee_items i
                              where i.pathway_id = pw.id and i.opinion_on between :from and :to offset 0) i on true
      group by i.opinion`,
    'r.opinion',
  ),
};

type Json = Record<string, unknown>;
/** The funnel's counts of a row of COUNTS (the totals, a year's, a coordinator's, a funder's). */
export const counts = (r: Json): PathwayCounts => ({
  requests: num(r.requests),
  welcomed: num(r.welcomed),
  diagnosed: num(r.diagnosed),
  accompanied: num(r.accompanied),
  oriented: num(r.oriented),
  adviceHours: num(r.advice_hours),
});

/**
 * One statement over the parcours' CTEs (pathwayCtes), plus the caller's own CTEs built on them
 * (moreCtes): each figure a scalar subquery returning JSON, named by its key. Also how the annual
 * report (src/annual-report/) reads its own figures on the same facts, so that "welcomed",
 * "diagnosed", "accompanied" and "oriented" have one definition.
 */
export async function pathwayStatement(
  db: Db,
  scope: IndicatorScope,
  period: Period,
  figures: Record<string, string>,
  moreCtes = '',
): Promise<Record<string, unknown>> {
  const c = pathwayCtes(db, scope);
  const columns = Object.entries(figures).map(([name, sql]) => `(${sql}) as ${name}`);
  // As in queries.ts: the period's names (and :funder) become positional bindings after the scope's.
  const values = { ...period, funder: scope.user.organisation_id };
  const named: string[] = [];
  const text = `with ${c.sql}${moreCtes ? `,\n${moreCtes}` : ''} select ${columns.join(',\n')}`.replace(
    /(?<!:):(from|to|funder)\b/g,
    (_, key: keyof typeof values) => {
      named.push(values[key]);
      return '?';
    },
  );
  const res = await db.raw<Rows<Record<string, unknown>>>(text, [...c.bindings, ...named] as Knex.RawBinding[]);
  return res.rows[0];
}

/** The orientations by partner, as PATHWAY_FIGURES.orientations gives them. */
export const orientationsOf = (v: unknown) =>
  (v as Json[]).map((o) => ({ partner: (o.partner as string | null) ?? null, structures: num(o.structures) }));

/** Every figure of the parcours, in one statement. */
export async function computePathwayFigures(db: Db, scope: IndicatorScope, period: Period): Promise<PathwayFigures> {
  const r = await pathwayStatement(db, scope, period, PATHWAY_FIGURES);
  const actions = new Map((r.actions as Json[]).map((a) => [String(a.kind), a]));
  const opinions = new Map((r.opinions as Json[]).map((o) => [String(o.opinion), num(o.items)]));
  const l = r.lead_times as Json;
  return {
    totals: counts(r.totals as Json),
    byYear: (r.by_year as Json[]).map((y) => ({ year: num(y.year), ...counts(y) })),
    byCoordinator: (r.by_coordinator as Json[]).map((y) => ({ name: (y.name as string | null) ?? null, ...counts(y) })),
    byFunder: (r.by_funder as Json[]).map((y) => ({ name: String(y.name), ...counts(y) })),
    orientations: orientationsOf(r.orientations),
    actions: ACTION_KINDS.map((kind) => {
      const a = actions.get(kind) ?? {};
      return { kind, actions: num(a.actions), pathways: num(a.pathways), hours: num(a.hours) };
    }),
    leadTimes: PATHWAY_SEGMENTS.map((segment) => ({
      segment,
      count: num(l[`${segment}_count`]),
      median: numOrNull(l[`${segment}_median`]),
    })),
    opinions: OPINIONS.map((opinion) => ({ opinion, items: opinions.get(opinion) ?? 0 })),
  };
}
