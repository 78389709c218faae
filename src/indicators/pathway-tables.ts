import type { MessageKey, Translate } from '../platform/i18n';
import type { PathwayCounts, PathwayFigures } from './pathways';
import type { Cell, Section } from './tables';

/** The parcours' figures as labelled tables (page, CSV and XLSX), after the accompaniments' sections. */
export function pathwaySections(p: PathwayFigures, t: Translate): Section[] {
  const tk = (k: string) => t(k as MessageKey);
  const unknown = t('indicators.unknown');
  const countHeaders = [
    t('indicators.pw.requests'),
    t('indicators.pw.welcomed'),
    t('indicators.pw.diagnosed'),
    t('indicators.pw.accompanied'),
    t('indicators.pw.oriented'),
    t('indicators.pw.adviceHours'),
  ];
  const countCells = (c: PathwayCounts): Cell[] => [
    c.requests,
    c.welcomed,
    c.diagnosed,
    c.accompanied,
    c.oriented,
    c.adviceHours,
  ];
  const tot = p.totals;
  return [
    {
      id: 'pathways',
      title: t('indicators.section.pathways'),
      tables: [
        {
          id: 'pathway-funnel',
          title: t('indicators.pw.funnel'),
          headers: [t('indicators.col.indicator'), t('indicators.col.value')],
          rows: [
            [t('indicators.pw.requests'), tot.requests],
            [t('indicators.pw.welcomed'), tot.welcomed],
            [t('indicators.pw.diagnosed'), tot.diagnosed],
            [t('indicators.pw.accompanied'), tot.accompanied],
            [t('indicators.pw.oriented'), tot.oriented],
          ],
          chart: { label: 0, value: 1 },
        },
        {
          id: 'pathway-actions',
          title: t('indicators.pw.actions'),
          headers: [
            t('indicators.col.actionKind'),
            t('indicators.col.actions'),
            t('indicators.col.pathways'),
            t('indicators.col.hours'),
          ],
          rows: p.actions.map((a) => [
            tk(`indicators.actionKind.${a.kind}`),
            a.actions,
            a.pathways,
            a.kind === 'advice' ? a.hours : null,
          ]),
          footer: [
            t('indicators.total'),
            p.actions.reduce((s, a) => s + a.actions, 0),
            null,
            p.actions.reduce((s, a) => s + a.hours, 0),
          ],
          chart: { label: 0, value: 1 },
        },
        {
          id: 'pathway-orientations',
          title: t('indicators.pw.orientations'),
          headers: [t('indicators.col.partner'), t('indicators.col.structures')],
          rows: p.orientations.map((o) => [o.partner ?? unknown, o.structures]),
          chart: { label: 0, value: 1 },
        },
        {
          id: 'pathway-lead-times',
          title: t('indicators.pw.leadTimes'),
          headers: [t('indicators.col.segment'), t('indicators.col.pathways'), t('indicators.col.median')],
          rows: p.leadTimes.map((l) => [tk(`indicators.pwSegment.${l.segment}`), l.count, l.median]),
          chart: { label: 0, value: 2 },
        },
        {
          id: 'committee-opinions',
          title: t('indicators.pw.opinions'),
          headers: [t('indicators.col.opinion'), t('indicators.col.items')],
          rows: p.opinions.map((o) => [tk(`indicators.opinion.${o.opinion}`), o.items]),
          chart: { label: 0, value: 1 },
        },
      ],
    },
    {
      id: 'pathwayBreakdowns',
      title: t('indicators.section.pathwayBreakdowns'),
      tables: [
        {
          id: 'pathways-by-year',
          title: t('indicators.pw.byYear'),
          headers: [t('indicators.col.year'), ...countHeaders],
          rows: p.byYear.map((y) => [String(y.year), ...countCells(y)]),
          footer: [t('indicators.total'), ...countCells(tot)],
        },
        {
          id: 'pathways-by-coordinator',
          title: t('indicators.pw.byCoordinator'),
          headers: [t('indicators.col.coordinator'), ...countHeaders],
          rows: p.byCoordinator.map((c) => [c.name ?? t('indicators.pw.noCoordinator'), ...countCells(c)]),
        },
        {
          id: 'pathways-by-funder',
          title: t('indicators.pw.byFunder'),
          headers: [t('indicators.col.funder'), ...countHeaders],
          rows: p.byFunder.map((f) => [f.name, ...countCells(f)]),
        },
      ],
    },
  ];
}
