import type { Db } from '../platform/db';
import { narrowedTo, type IndicatorScope } from './queries';

// The parcours' facts of a period as CTEs (pathwayCtes), over the parcours and requests in scope; the
// figures built on them are in pathways.ts.

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
export const COUNTS = `count(*) filter (where what = 'request') as requests,
  count(distinct organisation_id) filter (where what in ('request', 'opened')) as welcomed,
  count(distinct organisation_id) filter (where what = 'diagnosed') as diagnosed,
  count(distinct organisation_id) filter (where what = 'consultancy') as accompanied,
  count(distinct organisation_id) filter (where what = 'oriented') as oriented,
  coalesce(sum(hours) filter (where what = 'advice'), 0) as advice_hours`;
export const COUNT_NAMES = 'requests, welcomed, diagnosed, accompanied, oriented, advice_hours';

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
