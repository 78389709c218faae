import type { Knex } from 'knex';
import type { Db, Rows } from '../platform/db';
import { COUNT_NAMES, COUNTS, pathwayCtes } from './pathway-ctes';
import { num, numOrNull, type IndicatorScope, type Period } from './queries';

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
