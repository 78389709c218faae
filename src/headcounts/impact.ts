/**
 * What the snapshots of a structure's headcounts say about impact: the differences between the
 * baseline (its first snapshot taken at a diagnostic, else its first one) and its latest snapshot,
 * never a figure overwritten. Pure: the structure page, the annual report and their tests call it
 * with rows. Decimals (full-time equivalents, euros) are compared in hundredths, as integers.
 */
import type { FigureField, Occasion } from './schemas';

export type Snapshot = {
  id: string;
  recorded_on: string;
  occasion: Occasion;
  employees_cdi: number | null;
  employees_cdd: number | null;
  employees_assisted: number | null;
  employees_insertion: number | null;
  /** numeric(9,2), as PostgreSQL gives it ('12.50'). */
  fte: string | null;
  volunteers: number | null;
  /** numeric(14,2), as PostgreSQL gives it ('123456.78'). */
  annual_budget_eur: string | null;
};

/** One figure's change: both values and the difference (null when either is not known). */
export type Change = { from: number | string | null; to: number | string | null; diff: number | string | null };

export type Impact = {
  from: Snapshot;
  to: Snapshot;
  /** Employees of every contract (CDI, CDD, contrats aidés, insertion), when at least one is known. */
  employees: Change;
  changes: Record<FigureField, Change>;
};

const DECIMALS: readonly FigureField[] = ['fte', 'annual_budget_eur'];

/** A numeric(…, 2) as hundredths: '1234.5' → 123450n. */
export function toHundredths(v: string | number): bigint {
  const [whole, frac = ''] = String(v).replace(/^-/, '').split('.');
  const n = BigInt(whole || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  return String(v).startsWith('-') ? -n : n;
}

/** Hundredths back as a decimal string with two places: -12345n → '-123.45'. */
export function fromHundredths(n: bigint): string {
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The people employed on all contracts, when at least one count is known. */
export function employeesOf(s: Snapshot): number | null {
  const counts = [s.employees_cdi, s.employees_cdd, s.employees_assisted, s.employees_insertion];
  return counts.every((c) => c === null) ? null : counts.reduce<number>((sum, c) => sum + (c ?? 0), 0);
}

function change(field: FigureField | null, from: number | string | null, to: number | string | null): Change {
  if (from === null || to === null) return { from, to, diff: null };
  if (field && DECIMALS.includes(field))
    return { from, to, diff: fromHundredths(toHundredths(to) - toHundredths(from)) };
  return { from, to, diff: Number(to) - Number(from) };
}

/** Snapshots in the order they describe: by the day, then as recorded. */
export const chronological = (snapshots: readonly Snapshot[]) =>
  [...snapshots].sort((a, b) => a.recorded_on.localeCompare(b.recorded_on) || Number(a.id) - Number(b.id));

/**
 * The impact between the baseline (the first snapshot at a diagnostic, else the first) and the latest
 * snapshot after it; null with fewer than two snapshots to compare.
 */
export function impactOf(snapshots: readonly Snapshot[]): Impact | null {
  const sorted = chronological(snapshots);
  const from = sorted.find((s) => s.occasion === 'diagnostic') ?? sorted[0];
  const to = sorted.at(-1);
  if (!from || !to || from === to) return null;
  const fields: FigureField[] = [
    'employees_cdi',
    'employees_cdd',
    'employees_assisted',
    'employees_insertion',
    'fte',
    'volunteers',
    'annual_budget_eur',
  ];
  const changes = Object.fromEntries(fields.map((f) => [f, change(f, from[f], to[f])])) as Record<FigureField, Change>;
  return { from, to, employees: change(null, employeesOf(from), employeesOf(to)), changes };
}

/** The bars of the small picture on the structure page: employees (all contracts) per snapshot. */
export function headcountChart(snapshots: readonly Snapshot[]) {
  const sorted = chronological(snapshots).filter((s) => employeesOf(s) !== null);
  const max = Math.max(1, ...sorted.map((s) => employeesOf(s) ?? 0));
  const barWidth = 36;
  const gap = 14;
  const plot = 120;
  const bars = sorted.map((s, i) => {
    const value = employeesOf(s) ?? 0;
    const height = Math.round((value / max) * plot);
    return { x: 10 + i * (barWidth + gap), y: 20 + plot - height, height, value, snapshot: s };
  });
  return {
    width: Math.max(200, 20 + sorted.length * (barWidth + gap)),
    height: plot + 60,
    barWidth,
    baseY: 20 + plot,
    bars,
  };
}
