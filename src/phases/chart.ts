import type { Phase } from './queries';

/**
 * Geometry of the phases picture (planned vs actual), computed on the server and drawn as inline
 * SVG by views/phases/_chart.ejs: no script, and positions are attributes, not inline styles (CSP).
 */
export type Bar = { x: number; width: number; open: boolean; point: boolean };
export type ChartRow = { phase: Phase; y: number; planned: Bar | null; actual: Bar | null };
export type Chart = {
  width: number;
  height: number;
  axisY: number;
  plotLeft: number;
  plotRight: number;
  /** Tick dates (first of a month); the view writes them in the reader's language. */
  ticks: { x: number; date: string }[];
  yearTicks: boolean;
  rows: ChartRow[];
  today: { x: number } | null;
  todayOutside: 'before' | 'after' | null;
  rowHeight: number;
};

const WIDTH = 1000;
const PAD = 12;
const AXIS = 30;
const ROW = 58;

const dayOf = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
const dayOfMonthIndex = (m: number) => Date.UTC(Math.floor(m / 12), m % 12, 1) / 86_400_000;
/** The first day of month index `m` (year × 12 + month), as 'YYYY-MM-01'. */
const firstOfMonth = (m: number) =>
  `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}-01`;

export function buildChart(phases: Phase[], today: string): Chart | null {
  if (!phases.length) return null;
  const dates = phases
    .flatMap((p) => [p.planned_start, p.planned_end, p.actual_start, p.actual_end])
    .filter((d): d is string => Boolean(d));
  if (!dates.length) return null;
  const ongoing = phases.some(
    (p) => p.status === 'in_progress' && p.actual_start && !p.actual_end && p.actual_start <= today,
  );
  if (ongoing) dates.push(today);
  dates.sort();
  const firstMonth = monthIndex(dates[0]);
  const lastMonth = monthIndex(dates[dates.length - 1]) + 1; // the month after the last date
  const from = dayOfMonthIndex(firstMonth);
  const to = dayOfMonthIndex(lastMonth);
  const plotLeft = PAD;
  const plotRight = WIDTH - PAD;
  const x = (d: string) => round(plotLeft + ((dayOf(d) - from) / (to - from)) * (plotRight - plotLeft));

  const months = lastMonth - firstMonth;
  const step = [1, 2, 3, 6, 12, 24].find((s) => months / s <= 10) ?? 60;
  const ticks: Chart['ticks'] = [];
  const tick = (m: number) => {
    const day = dayOfMonthIndex(m);
    ticks.push({ x: round(plotLeft + ((day - from) / (to - from)) * (plotRight - plotLeft)), date: firstOfMonth(m) });
  };
  for (let m = firstMonth; m < lastMonth; m++) if (m % step === 0) tick(m);
  if (!ticks.length) tick(firstMonth);

  const bar = (start: string | null, end: string | null, openEnd: string | null): Bar | null => {
    if (start && end) return { x: x(start), width: Math.max(x(end) - x(start), 2), open: false, point: false };
    if (start && openEnd && openEnd > start)
      return { x: x(start), width: x(openEnd) - x(start), open: true, point: false };
    const only = start ?? end;
    return only ? { x: x(only), width: 0, open: false, point: true } : null;
  };

  const rows = phases.map((p, i) => {
    const nextPlannedStart = phases.slice(i + 1).find((n) => n.planned_start)?.planned_start ?? null;
    const actualOpenEnd = p.status === 'in_progress' ? today : null;
    return {
      phase: p,
      y: AXIS + i * ROW,
      planned: bar(p.planned_start, p.planned_end, nextPlannedStart),
      actual: bar(p.actual_start, p.actual_end, actualOpenEnd),
    };
  });

  const inRange = dayOf(today) >= from && dayOf(today) <= to;
  return {
    width: WIDTH,
    height: AXIS + phases.length * ROW + 24,
    axisY: AXIS,
    plotLeft,
    plotRight,
    ticks,
    yearTicks: step >= 12,
    rows,
    today: inRange ? { x: x(today) } : null,
    todayOutside: inRange ? null : dayOf(today) < from ? 'before' : 'after',
    rowHeight: ROW,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
