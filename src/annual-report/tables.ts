import type { Cell, Section, Table } from '../indicators/tables';
import type { Db } from '../platform/db';
import { hasKey, type Locale, type MessageKey, type Translate } from '../platform/i18n';
import { isListName, LIST_NAMES, listLabels, labelOrValue, type ListName } from '../reference-lists/lists';
import { DIMENSIONS, RATINGS, type AnnualFigures } from './queries';

/**
 * The report's figures as labelled tables in sections (the indicators' shapes): the page, the PDF and
 * the XLSX all render these, so the three hold the same figures with the same labels.
 */

/** Which national list (reference_items) labels each breakdown's codes; the others have their own labels. */
const LIST_OF: Partial<Record<string, ListName>> = { legal_form: 'legal_form', sector: 'sector' };

/** The national lists' labels by list and code (listLabels of src/reference-lists/lists.ts). */
export type Labels = Record<ListName, Record<string, string>>;
export const reportLabels = (db: Db, locale: Locale): Promise<Labels> => listLabels(db, LIST_NAMES, locale);

/**
 * A code's label: the national list's when the list has it, else the screens' own label when there
 * is one (legal forms, SIAE types, size classes, action types), else the value as stored.
 */
export function labelOf(t: Translate, labels: Labels, list: string, code: string | null): string {
  if (code === null || code === '') return t('indicators.unknown');
  if (isListName(list) && Object.hasOwn(labels[list], code)) return labelOrValue(labels[list], code);
  const own =
    list === 'legal_form'
      ? `structures.legalForm.${code}`
      : list === 'siae_type'
        ? `caseSheets.siae.${code}`
        : list === 'size_class'
          ? `annualReport.size.${code}`
          : list === 'action_type'
            ? `annualReport.actionType.${code}`
            : '';
  return hasKey(own) ? t(own) : code;
}

export function reportSections(f: AnnualFigures, t: Translate, labels: Labels): Section[] {
  const tk = (k: string) => t(k as MessageKey);
  const p = f.pathways.totals;
  const stageHeaders = [
    t('annualReport.col.structures'),
    t('annualReport.stage.welcomed'),
    t('annualReport.stage.diagnosed'),
    t('annualReport.stage.accompanied'),
    t('annualReport.stage.oriented'),
  ];
  const breakdown = (dim: (typeof DIMENSIONS)[number]): Table => ({
    id: `by-${dim.replace('_', '-')}`,
    title: tk(`annualReport.dimension.${dim}`),
    headers: [tk(`annualReport.dimension.${dim}`), ...stageHeaders],
    rows: f.breakdowns
      .filter((b) => b.dimension === dim)
      .map((b) => [
        labelOf(t, labels, LIST_OF[dim] ?? dim, b.key),
        b.structures,
        b.welcomed,
        b.diagnosed,
        b.accompanied,
        b.oriented,
      ]),
    footer: [
      t('indicators.total'),
      f.concerned.structures,
      f.concerned.welcomed,
      f.concerned.diagnosed,
      f.concerned.accompanied,
      f.concerned.oriented,
    ],
    chart: { label: 0, value: 1 },
  });
  const j = f.jobs;
  const sat = f.satisfaction;
  const sum = (ns: number[]) => ns.reduce((s, n) => s + n, 0);
  return [
    {
      id: 'activity',
      title: t('annualReport.section.activity'),
      tables: [
        {
          id: 'funnel',
          title: t('annualReport.funnel'),
          headers: [t('indicators.col.indicator'), t('indicators.col.value')],
          rows: [
            [t('annualReport.stage.requests'), p.requests],
            [t('annualReport.stage.welcomed'), p.welcomed],
            [t('annualReport.stage.diagnosed'), p.diagnosed],
            [t('annualReport.stage.accompanied'), p.accompanied],
            [t('annualReport.stage.oriented'), p.oriented],
          ],
          chart: { label: 0, value: 1 },
        },
        {
          id: 'orientations',
          title: t('indicators.pw.orientations'),
          headers: [t('indicators.col.partner'), t('indicators.col.structures')],
          rows: f.pathways.orientations.map((o) => [o.partner ?? t('indicators.unknown'), o.structures]),
          chart: { label: 0, value: 1 },
        },
      ],
    },
    {
      id: 'structures',
      title: t('annualReport.section.structures'),
      tables: DIMENSIONS.map(breakdown),
    },
    {
      id: 'jobs',
      title: t('annualReport.section.jobs'),
      tables: [
        {
          id: 'jobs',
          title: t('annualReport.section.jobs'),
          headers: [t('indicators.col.indicator'), t('indicators.col.value')],
          rows: [
            [t('annualReport.jobs.diagnosed'), j.diagnosed],
            [t('annualReport.jobs.structures'), j.structures],
            [t('annualReport.jobs.cdi'), j.cdi],
            [t('annualReport.jobs.cdd'), j.cdd],
            [t('annualReport.jobs.assisted'), j.assisted],
            [t('annualReport.jobs.insertion'), j.insertion],
            [t('annualReport.jobs.total'), j.total],
            [t('annualReport.jobs.fte'), j.fte],
            [t('annualReport.jobs.volunteers'), j.volunteers],
          ],
        },
      ],
    },
    {
      id: 'actions',
      title: t('annualReport.section.actions'),
      tables: [
        {
          id: 'action-types',
          title: t('annualReport.actionTypes'),
          headers: [
            t('annualReport.col.actionType'),
            t('indicators.col.actions'),
            t('annualReport.col.structures'),
            t('annualReport.col.cases'),
            t('indicators.col.hours'),
          ],
          rows: f.actionTypes.map((a) => [
            labelOf(t, labels, 'action_type', a.type),
            a.actions,
            a.structures,
            a.type.endsWith('_consultancy') ? a.cases : null,
            a.type === 'advice' ? a.hours : null,
          ]),
          footer: [t('indicators.total'), sum(f.actionTypes.map((a) => a.actions)), null, null, null],
          chart: { label: 0, value: 1 },
        },
        {
          id: 'themes',
          title: t('annualReport.themes'),
          headers: [t('annualReport.col.theme'), t('annualReport.col.cases')],
          rows: f.themes.map((th) => [labelOf(t, labels, 'theme', th.theme), th.cases]),
          chart: { label: 0, value: 1 },
        },
      ],
    },
    {
      id: 'money',
      title: t('annualReport.section.money'),
      tables: [
        {
          id: 'days',
          title: t('annualReport.days'),
          headers: [
            t('annualReport.col.actionType'),
            t('annualReport.col.cases'),
            t('annualReport.col.daysContracted'),
            t('annualReport.col.euros'),
          ],
          rows: f.consultancies.map((c) => [labelOf(t, labels, 'action_type', c.type), c.cases, c.days, c.euros]),
          footer: [t('indicators.total'), f.days.cases, f.days.contracted, f.days.euros],
        },
        {
          id: 'days-consumed',
          title: t('annualReport.daysConsumed'),
          headers: [t('indicators.col.indicator'), t('indicators.col.value')],
          rows: [[t('annualReport.daysConsumed.value'), f.days.consumed]],
        },
        {
          id: 'funders',
          title: t('annualReport.funders'),
          headers: [
            t('indicators.col.funder'),
            t('annualReport.col.envelopes'),
            t('annualReport.col.committed'),
            t('annualReport.col.paid'),
            t('annualReport.col.cases'),
            t('annualReport.col.daysContracted'),
          ],
          rows: f.funders.map((x) => [x.name, x.envelopes, x.committed, x.paid, x.cases, x.days]),
          footer: [
            t('indicators.total'),
            sum(f.funders.map((x) => x.envelopes)),
            sum(f.funders.map((x) => x.committed)),
            sum(f.funders.map((x) => x.paid)),
            null,
            null,
          ],
          chart: { label: 0, value: 2 },
        },
      ],
    },
    {
      id: 'satisfaction',
      title: t('annualReport.section.satisfaction'),
      tables: [
        {
          id: 'satisfaction',
          title: t('annualReport.satisfaction.averages', { n: sat.surveys }),
          headers: [t('annualReport.col.criterion'), t('annualReport.col.average')],
          rows: sat.surveys ? Object.entries(sat.averages).map(([c, v]) => [tk(`closeOut.criteria.${c}`), v]) : [],
        },
        {
          id: 'satisfaction-overall',
          title: t('annualReport.satisfaction.overall'),
          headers: [t('annualReport.col.score'), t('annualReport.col.surveys')],
          rows: sat.surveys ? sat.overall.map((n, i) => [`${i + 1} / 5`, n]) : [],
          chart: { label: 0, value: 1 },
        },
      ],
    },
    {
      id: 'followUp',
      title: t('annualReport.section.followUp'),
      tables: [
        {
          id: 'follow-up',
          title: t('annualReport.followUp'),
          headers: [t('annualReport.col.criterion'), ...RATINGS.map((r) => tk(`annualReport.rating.${r}`))],
          rows: f.followUp.some((c) => sum(Object.values(c.ratings)) > 0)
            ? f.followUp.map((c): Cell[] => [
                tk(`annualReport.criterion.${c.criterion}`),
                ...RATINGS.map((r) => c.ratings[r]),
              ])
            : [],
          chart: { label: 0, value: 1 },
        },
      ],
    },
  ];
}
