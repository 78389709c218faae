/**
 * Geometry of the horizontal bar charts of the indicators page (inline SVG, no script): the
 * view draws it, the table next to it gives the same figures to screen readers and printers.
 */
export type Bar = { label: string; value: number; display: string; y: number; width: number };
export type BarChart = { width: number; height: number; labelWidth: number; barHeight: number; bars: Bar[] };

// Room for MAX_LABEL characters of the chart's font (about 8 px each) right-aligned before the bars.
const MAX_LABEL = 30;
const LABEL_WIDTH = 260;
const BAR_AREA = 360;
const ROW = 26;

export function barChart(
  items: { label: string; value: number | null }[],
  format: (n: number) => string,
): BarChart | null {
  const shown = items.filter((i): i is { label: string; value: number } => i.value !== null && i.value > 0);
  if (!shown.length) return null;
  const max = Math.max(...shown.map((i) => i.value));
  return {
    width: LABEL_WIDTH + BAR_AREA + 90,
    height: shown.length * ROW + 4,
    labelWidth: LABEL_WIDTH,
    barHeight: ROW - 8,
    bars: shown.map((i, n) => ({
      label: i.label.length > MAX_LABEL ? `${i.label.slice(0, MAX_LABEL - 1)}…` : i.label,
      value: i.value,
      display: format(i.value),
      y: n * ROW + 2,
      width: Math.max(1, Math.round((i.value / max) * BAR_AREA)),
    })),
  };
}
