/**
 * Days consumed: derived from sessions, never stored twice. Per case and per phase, against the
 * contracted days (the case's budget_days) and its day rate; of every session, or of the sessions
 * held by a day (a progress report « situation arrêtée au »). The one place these sums are written:
 * the case page's section, the sessions list, the session page and form, lists of cases, the
 * provider workspace, the funder portal, the case sheet and the progress report read them here.
 * The budget rule of a save (budget.ts) reads the same sums.
 */
import type { Knex } from 'knex';
import type { Db, Trx } from '../platform/db';

/** At this share of the contracted days consumed, the case is flagged. */
export const WARNING_RATIO = 0.8;

export type DaysSummary = {
  contracted: number | null;
  consumed: number;
  remaining: number | null;
  ratio: number | null;
  dayRateEur: number | null;
  consumedEur: number | null;
  warning: boolean;
  over: boolean;
};

/** Days are counted in quarter days: sums are made on whole quarters, so 0.1 + 0.2 never shows. */
export const quarters = (n: number) => Math.round(n * 4);

/** The total of some sessions' days (numerics as text, the way the driver gives them). */
export const totalDays = (sessions: { days_consumed: string | number }[]) =>
  sessions.reduce((sum, s) => sum + quarters(Number(s.days_consumed)), 0) / 4;

/**
 * The days consumed of the case `a`, derived from its sessions `s` (also read by the sessions
 * section's one statement); `seen` limits them to the sessions a reader sees (a structure that left
 * the case: accompaniments/withdrawn.ts), an SQL condition on `s`.
 */
export const consumedOfSql = (seen = 'true') =>
  `(select coalesce(sum(s.days_consumed), 0) from sessions s where s.accompaniment_id = a.id and ${seen})::text as consumed`;
export const consumedSql = consumedOfSql();

export type BudgetRow = {
  budget_days: string | number | null;
  budget_eur: string | number | null;
  consumed: string | number | null;
};

/** The summary from a case's budget columns and days consumed, however they were read (here, or by the section's one statement). */
export function summarise(row: BudgetRow | undefined): DaysSummary {
  const contracted = row?.budget_days == null ? null : Number(row.budget_days);
  const consumed = Number(row?.consumed ?? 0);
  const dayRateEur = contracted && row?.budget_eur != null ? Number(row.budget_eur) / contracted : null;
  const ratio = contracted ? consumed / contracted : null;
  return {
    contracted,
    consumed,
    remaining: contracted == null ? null : contracted - consumed,
    ratio,
    dayRateEur,
    consumedEur: dayRateEur == null ? null : Math.round(dayRateEur * consumed * 100) / 100,
    warning: ratio != null && ratio >= WARNING_RATIO,
    over: ratio != null && ratio > 1,
  };
}

export async function daysSummary(db: Db | Trx, accompanimentId: string): Promise<DaysSummary> {
  return summarise((await budgetOf(db, accompanimentId))[0]);
}

/**
 * The budget columns and days consumed of the cases `a`, for `summarise`. Numerics as text, the
 * way the driver gives them, also when read as JSON (read-together.ts).
 */
const budgetColumns = (db: Db | Trx) => [
  db.raw('a.budget_days::text as budget_days'),
  db.raw('a.budget_eur::text as budget_eur'),
  db.raw(consumedSql),
];

/** One case's budget row. */
export const budgetOf = (db: Db | Trx, accompanimentId: string) =>
  db('accompaniments as a').where('a.id', accompanimentId).select<BudgetRow[]>(budgetColumns(db));

/**
 * A session `s` held by a day (the office's day, Europe/Paris): logged as held or closed, and
 * starting on or before that day. The one definition of "held up to a date" (a progress report's
 * « situation arrêtée au », a phase's start); its one binding is the day.
 */
export const heldBySql = (alias = 's') =>
  `${alias}.status <> 'planned' and (${alias}.starts_at at time zone 'Europe/Paris')::date <= ?::date`;

/** The sessions of a case held by a day (heldBySql), for reads that sum or list them. */
const sessionsHeldBy = (db: Db | Trx, accompanimentId: string, asOf: string) =>
  db('sessions as s').where('s.accompaniment_id', accompanimentId).whereRaw(heldBySql('s'), [asOf]);

/**
 * One case's budget row as of a day: the days consumed are those of the sessions held up to it
 * (a progress report « situation arrêtée au » that day).
 */
export const budgetAsOf = (db: Db | Trx, accompanimentId: string, asOf: string) =>
  db('accompaniments as a')
    .where('a.id', accompanimentId)
    .select<BudgetRow[]>(
      db.raw('a.budget_days::text as budget_days'),
      db.raw('a.budget_eur::text as budget_eur'),
      db.raw('coalesce((?), 0)::text as consumed', [sessionsHeldBy(db, accompanimentId, asOf).sum('s.days_consumed')]),
    );

/** The budget rows of several cases, by id: a list of ids, or a subquery of them. */
export const budgetsOf = (db: Db | Trx, accompanimentIds: string[] | Knex.QueryBuilder) =>
  db('accompaniments as a')
    .whereIn('a.id', accompanimentIds)
    .select<(BudgetRow & { id: string })[]>('a.id', ...budgetColumns(db));

/** The same summary for a whole page of accompaniments in one query (lists must not query per row). */
export async function daysSummaries(db: Db | Trx, accompanimentIds: string[]): Promise<Map<string, DaysSummary>> {
  if (!accompanimentIds.length) return new Map();
  const rows = await budgetsOf(db, accompanimentIds);
  return new Map(rows.map((r) => [r.id, summarise(r)]));
}

/** Days consumed per phase: of every session, or (asOf) of the sessions held up to that day. */
export function daysByPhase(db: Db | Trx, accompanimentId: string, asOf?: string) {
  const sessions = asOf
    ? sessionsHeldBy(db, accompanimentId, asOf).select('s.phase_id', 's.days_consumed').as('s')
    : 'sessions as s';
  return db('phases as p')
    .leftJoin(sessions, 's.phase_id', 'p.id')
    .where('p.accompaniment_id', accompanimentId)
    .groupBy('p.id', 'p.position', 'p.name')
    .orderBy('p.position')
    .select('p.id', 'p.position', 'p.name', db.raw('coalesce(sum(s.days_consumed), 0)::text as days'));
}

export type PhaseDays = { id: string | null; position: number | null; name: string | null; days: number };

/** A phase's row as daysByPhase (numeric days as a string) or the sessions section's statement (JSON number) returns it. */
export type PhaseRow = { id: string | number; position: number; name: string; days: string | number };

/** Days per phase from `daysByPhase`'s rows, plus the days of sessions attached to no phase (from the same total, no second query). */
export function withSessionsOutsidePhases(rows: PhaseRow[], summary: DaysSummary): PhaseDays[] {
  const phases: PhaseDays[] = rows.map((r) => ({
    // A number when the row comes from the sessions section's JSON statement (json of a bigint): a real conversion.
    id: String(r.id),
    position: r.position,
    name: r.name,
    days: Number(r.days),
  }));
  const inPhases = phases.reduce((s, p) => s + p.days, 0);
  const outside = Math.round((summary.consumed - inPhases) * 100) / 100;
  if (outside > 0) phases.push({ id: null, position: null, name: null, days: outside });
  return phases;
}
