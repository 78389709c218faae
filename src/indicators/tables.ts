import type { MessageKey, Translate } from '../platform/i18n';
import type { DetailRow } from './detail';
import { DIMENSIONS, type Indicators } from './queries';

/**
 * The figures as labelled tables, grouped in sections: the page, the CSV and the XLSX all render
 * these, so the three always hold the same figures with the same labels.
 */
export type Cell = string | number | null;
export type Table = {
  id: string;
  title: string;
  headers: string[];
  rows: Cell[][];
  footer?: Cell[];
  chart?: { label: number; value: number };
};

/** Every line of a table after its header: its rows, then its total when it has one. */
export const bodyOf = (table: Table): Cell[][] => (table.footer ? [...table.rows, table.footer] : table.rows);
export type Section = {
  // The indicators' own sections, or another area's rendered the same way (the annual report's).
  id: string;
  title: string;
  tables: Table[];
};

const LABELLED: Partial<Record<(typeof DIMENSIONS)[number], (key: string) => string>> = {
  legal_form: (k) => `structures.legalForm.${k}`,
};

/**
 * `labels`: the national lists' labels by dimension and code (reference-lists/lists.ts listLabels), for
 * the codes that forms store (themes ticked, sectors, legal forms); a value of no list reads as stored.
 */
export function indicatorSections(
  ind: Indicators,
  t: Translate,
  labels: Partial<Record<string, Record<string, string>>> = {},
): Section[] {
  const tk = (k: string) => t(k as MessageKey);
  const unknown = t('indicators.unknown');
  const label = (dim: (typeof DIMENSIONS)[number], key: string | null) => {
    if (key === null || key === '') return unknown;
    const listed = labels[dim];
    if (listed && Object.hasOwn(listed, key)) return listed[key];
    const keyOf = LABELLED[dim];
    return keyOf ? tk(keyOf(key)) : key;
  };
  const m = ind.milestones;
  const milestoneRow = (name: keyof typeof m): Cell[] => [
    tk(`indicators.milestone.${name}`),
    m[name].total,
    m[name].individual,
    m[name].collective,
    m[name].structures,
  ];
  const ing = ind.ingenieries;
  const totalFunding = ind.funders.reduce((s, f) => s + f.amount, 0);
  return [
    {
      id: 'summary',
      title: t('indicators.section.summary'),
      tables: [
        {
          id: 'milestones',
          title: t('indicators.milestones'),
          headers: [
            t('indicators.col.milestone'),
            t('indicators.col.accompaniments'),
            t('kinds.individual'),
            t('kinds.collective'),
            t('indicators.col.structures'),
          ],
          rows: [milestoneRow('received'), milestoneRow('diagnosed'), milestoneRow('accompanied')],
        },
        {
          id: 'jobs',
          title: t('indicators.jobs'),
          headers: [t('indicators.col.indicator'), t('indicators.col.value')],
          rows: [
            [t('indicators.jobs.structures'), ind.jobs.structures],
            [t('indicators.jobs.employees'), ind.jobs.employees],
            [t('indicators.jobs.insertion'), ind.jobs.insertion],
          ],
        },
      ],
    },
    {
      id: 'breakdowns',
      title: t('indicators.section.breakdowns'),
      tables: DIMENSIONS.map((dim) => ({
        id: `breakdown-${dim}`,
        title: tk(`indicators.dimension.${dim}`),
        headers: [
          tk(`indicators.dimension.${dim}`),
          tk(dim === 'theme' || dim === 'department' ? 'indicators.col.accompaniments' : 'indicators.col.structures'),
        ],
        rows: ind.breakdowns.filter((b) => b.dimension === dim).map((b) => [label(dim, b.key), b.count]),
        chart: { label: 0, value: 1 },
      })),
    },
    {
      id: 'ingenieries',
      title: t('indicators.section.ingenieries'),
      tables: [
        {
          id: 'ingenieries',
          title: t('indicators.section.ingenieries'),
          headers: [t('indicators.col.indicator'), t('indicators.col.value')],
          rows: [
            [t('indicators.ing.count'), ing.count],
            [t('indicators.ing.daysContracted'), ing.daysContracted],
            [t('indicators.ing.daysConsumed'), ing.daysConsumed],
            [t('indicators.ing.euros'), ing.euros],
            [t('indicators.ing.eurosPerDay'), ing.eurosPerDay],
          ],
        },
        {
          id: 'providers',
          title: t('indicators.providers'),
          headers: [t('indicators.col.provider'), t('indicators.col.ingenieries')],
          rows: ind.providers.map((p) => [p.name, p.count]),
        },
      ],
    },
    {
      id: 'leadTimes',
      title: t('indicators.section.leadTimes'),
      tables: [
        {
          id: 'lead-times',
          title: t('indicators.section.leadTimes'),
          headers: [
            t('indicators.col.segment'),
            t('indicators.col.accompaniments'),
            t('indicators.col.median'),
            t('indicators.col.mean'),
          ],
          rows: ind.leadTimes.map((l) => [tk(`indicators.segment.${l.segment}`), l.count, l.median, l.mean]),
          chart: { label: 0, value: 2 },
        },
      ],
    },
    {
      id: 'funders',
      title: t('indicators.section.funders'),
      tables: [
        {
          id: 'funders',
          title: t('indicators.section.funders'),
          headers: [
            t('indicators.col.funder'),
            t('indicators.col.funderType'),
            t('indicators.col.accompaniments'),
            t('indicators.col.amount'),
          ],
          rows: ind.funders.map((f) => [
            f.name,
            f.funder_type ? tk(`organisations.funderType.${f.funder_type}`) : unknown,
            f.accompaniments,
            f.amount,
          ]),
          footer: [t('indicators.total'), null, null, totalFunding],
          chart: { label: 0, value: 3 },
        },
      ],
    },
  ];
}

/** Header and cells of the detail (one row per accompaniment received in the period). */
export function detailHeaders(t: Translate): string[] {
  return [
    t('indicators.detail.id'),
    t('indicators.detail.title'),
    t('indicators.detail.operator'),
    t('indicators.detail.state'),
    t('indicators.detail.kind'),
    t('indicators.dimension.department'),
    t('indicators.detail.intake'),
    t('indicators.detail.beneficiaries'),
    t('indicators.jobs.employees'),
    t('indicators.jobs.insertion'),
    t('indicators.ing.daysContracted'),
    t('indicators.ing.daysConsumed'),
    t('indicators.ing.euros'),
    t('indicators.col.provider'),
  ];
}

export function detailCells(r: DetailRow, t: Translate): Cell[] {
  const tk = (k: string) => t(k as MessageKey);
  return [
    Number(r.id),
    r.title,
    r.operator,
    tk(`states.${r.state}`),
    tk(`kinds.${r.kind}`),
    r.department,
    r.intake_on,
    r.beneficiaries,
    r.employees,
    r.insertion,
    r.days_contracted,
    r.days_consumed,
    r.euros,
    r.provider,
  ];
}
