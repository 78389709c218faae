import { pathwayStatement } from '../indicators/pathways';
import type { Cell } from '../indicators/tables';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import type { Translate } from '../platform/i18n';
import { STRUCTURE_CTES, snapshotEmployeesSql, withoutJit } from './statements';
import { regionOfDepartment } from './regions';
import { indicatorScopeOf, type ReportScope } from './scope';
import { labelOf, type Labels } from './tables';

/**
 * THE NATIONAL EXPORT'S MAPPING: Jalons' own reading of the public DLA activity reporting, NOT a
 * certified or official format. The national reporting of the DLA (structures welcomed, diagnosed,
 * accompanied, oriented; type of engineering; jobs; themes) is published as indicators, not as a
 * file format with fixed columns: no column list here claims to be that format. Each line below is
 * one column of the export, in order: its label (the header printed) and its source (a value of the
 * row Jalons computes, see NationalValues). An operator whose funder asks for other headers or
 * another order edits THIS table only (rename a label, move or delete a line); the sources are
 * documented next to NationalValues.
 */
export const NATIONAL_FIELDS: readonly { label: string; source: NationalSource }[] = [
  { label: 'Année', source: 'year' },
  { label: 'DLA (opérateur)', source: 'operator' },
  { label: 'Département du DLA', source: 'operatorDepartment' },
  { label: 'Région', source: 'region' },
  { label: 'SIRET', source: 'siret' },
  { label: 'Raison sociale', source: 'structure' },
  { label: 'Département de la structure', source: 'structureDepartment' },
  { label: 'Forme juridique', source: 'legalForm' },
  { label: 'Secteur d’activité', source: 'sector' },
  { label: 'Type de SIAE', source: 'siaeType' },
  { label: 'Tranche d’effectif', source: 'sizeClass' },
  { label: 'Demandes reçues', source: 'requests' },
  { label: 'Date d’accueil', source: 'welcomedOn' },
  { label: 'Date du diagnostic', source: 'diagnosedOn' },
  { label: 'Date d’entrée en accompagnement', source: 'accompaniedOn' },
  { label: 'Date d’orientation', source: 'orientedOn' },
  { label: 'Orientée vers', source: 'partners' },
  { label: 'Types d’action', source: 'actionTypes' },
  { label: 'Ingénieries', source: 'cases' },
  { label: 'Thèmes', source: 'themes' },
  { label: 'Jours d’ingénierie contractualisés', source: 'days' },
  { label: 'Emplois au diagnostic', source: 'jobs' },
  { label: 'ETP au diagnostic', source: 'fte' },
];

/**
 * The values of one row: one structure at one operator, with a fact of the parcours in the year
 * (the annual report's "structures concerned").
 * - year; operator, operatorDepartment, region (the operator's, from src/annual-report/regions.ts);
 * - siret, structure, structureDepartment, legalForm, sector, siaeType: the structure's record, codes
 *   labelled by the national lists (reference_items); sizeClass: as the report's size class;
 * - requests: requests received in the year; welcomedOn, diagnosedOn, accompaniedOn, orientedOn: the
 *   first such fact in the year (empty when none); partners: whom it was oriented to;
 * - actionTypes: the types of its actions started in the year; cases: consultancies started (cases),
 *   themes: their themes, days: their contracted days (a collective case's days are the whole case's);
 * - jobs, fte: its latest « diagnostic » headcount snapshot up to the year's end.
 */
export type NationalValues = {
  year: number;
  operator: string;
  operatorDepartment: string | null;
  region: string | null;
  siret: string | null;
  structure: string;
  structureDepartment: string | null;
  legalForm: string;
  sector: string;
  siaeType: string;
  sizeClass: string;
  requests: number;
  welcomedOn: string | null;
  diagnosedOn: string | null;
  accompaniedOn: string | null;
  orientedOn: string | null;
  partners: string | null;
  actionTypes: string;
  cases: number;
  themes: string;
  days: number | null;
  jobs: number | null;
  fte: number | null;
};
export type NationalSource = keyof NationalValues;

export const nationalHeaders = () => NATIONAL_FIELDS.map((f) => f.label);
export const nationalCells = (v: NationalValues): Cell[] => NATIONAL_FIELDS.map((f) => v[f.source]);

// One row per (operator, structure) with a fact in the year, keyset-paginated on that pair.
const ROWS_CTES = `${STRUCTURE_CTES},
  ns as (
    select ev.operator_id, ev.organisation_id,
           count(*) filter (where ev.what = 'request') as requests,
           min(ev.on_date) filter (where ev.what in ('request', 'opened')) as welcomed_on,
           min(ev.on_date) filter (where ev.what = 'diagnosed') as diagnosed_on,
           min(ev.on_date) filter (where ev.what = 'consultancy') as accompanied_on,
           min(ev.on_date) filter (where ev.what = 'oriented') as oriented_on,
           string_agg(distinct nullif(trim(ev.partner), ''), ', ') filter (where ev.what = 'oriented') as partners
      from ev group by ev.operator_id, ev.organisation_id),
  nt as (
    select ty.operator_id, ty.organisation_id, array_agg(distinct ty.action_type) as action_types,
           count(distinct ty.accompaniment_id) as cases
      from ty group by ty.operator_id, ty.organisation_id),
  ncase as (select distinct on (ty.operator_id, ty.organisation_id, ty.accompaniment_id) ty.*
               from ty where ty.kind = 'consultancy'
              order by ty.operator_id, ty.organisation_id, ty.accompaniment_id),
  nc as (
    select c.operator_id, c.organisation_id, sum(c.budget_days) as days,
           (select array_agg(distinct th) from ncase t cross join lateral unnest(t.themes) as th
             where t.operator_id = c.operator_id and t.organisation_id = c.organisation_id) as themes
      from ncase c group by c.operator_id, c.organisation_id)`;

const ROWS = `select coalesce(json_agg(r order by r.operator_id, r.organisation_id), '[]') from (
    select ns.*, op.name as operator, op.department as operator_department, o.name as structure, o.siret,
           o.department as structure_department, sd.legal_form, sd.sector, sd.siae_type, sd.size_class,
           nt.action_types, nt.cases, nc.days, nc.themes, h.jobs, h.fte
      from (select * from ns where (ns.operator_id, ns.organisation_id) > (:afterOperator, :afterStructure)
             order by ns.operator_id, ns.organisation_id limit :limit) ns
      join organisations op on op.id = ns.operator_id
      join organisations o on o.id = ns.organisation_id
      left join sd on sd.organisation_id = ns.organisation_id
      left join nt on nt.operator_id = ns.operator_id and nt.organisation_id = ns.organisation_id
      left join nc on nc.operator_id = ns.operator_id and nc.organisation_id = ns.organisation_id
      left join lateral (select ${snapshotEmployeesSql('h')} as jobs, h.fte from structure_headcounts h
                          where h.organisation_id = ns.organisation_id and h.occasion = 'diagnostic' and h.recorded_on <= :to
                          order by h.recorded_on desc, h.id desc limit 1) h on true) r`;

type Json = Record<string, unknown>;
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
// JSON values of the statement: text, numbers (ids, counts), or null.
const textOrNull = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/**
 * Every row of the export, batch after batch (keyset on operator and structure: a national year is
 * read in a few statements and never held whole).
 */
export async function* nationalRows(
  db: Db,
  user: SessionUser,
  scope: ReportScope,
  year: number,
  t: Translate,
  labels: Labels,
  batchSize = 10000,
): AsyncGenerator<NationalValues> {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const iscope = indicatorScopeOf(user, scope);
  let after = ['0', '0'];
  const list = (codes: unknown, name: string) =>
    Array.isArray(codes) ? codes.map((c) => labelOf(t, labels, name, textOrNull(c))).join(', ') : '';
  for (;;) {
    // The keyset and the batch size are numbers inlined (checked digits), the period stays bound.
    const rows = ROWS.replace(':afterOperator', `${Number(after[0])}`)
      .replace(':afterStructure', `${Number(after[1])}`)
      .replace(':limit', String(batchSize));
    const r = await withoutJit(db, (trx) => pathwayStatement(trx, iscope, period, { rows }, ROWS_CTES));
    const batch = r.rows as Json[];
    for (const x of batch) {
      yield {
        year,
        operator: String(x.operator),
        operatorDepartment: textOrNull(x.operator_department),
        region: regionOfDepartment(textOrNull(x.operator_department))?.name ?? null,
        siret: textOrNull(x.siret),
        structure: String(x.structure),
        structureDepartment: textOrNull(x.structure_department),
        legalForm: labelOf(t, labels, 'legal_form', textOrNull(x.legal_form)),
        sector: labelOf(t, labels, 'sector', textOrNull(x.sector)),
        siaeType: x.siae_type ? labelOf(t, labels, 'siae_type', textOrNull(x.siae_type)) : '',
        sizeClass: labelOf(t, labels, 'size_class', textOrNull(x.size_class)),
        requests: Number(x.requests),
        welcomedOn: textOrNull(x.welcomed_on),
        diagnosedOn: textOrNull(x.diagnosed_on),
        accompaniedOn: textOrNull(x.accompanied_on),
        orientedOn: textOrNull(x.oriented_on),
        partners: textOrNull(x.partners),
        actionTypes: list(x.action_types, 'action_type'),
        cases: Number(x.cases ?? 0),
        themes: list(x.themes, 'theme'),
        days: numOrNull(x.days),
        jobs: numOrNull(x.jobs),
        fte: numOrNull(x.fte),
      };
    }
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1];
    after = [String(last.operator_id), String(last.organisation_id)];
  }
}
