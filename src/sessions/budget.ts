import type { Knex } from 'knex';
import type { Db, Trx } from '../platform/db';

/**
 * Days consumed are derived from sessions, never stored twice: per accompaniment and per
 * phase, against the contracted days (the accompaniment's budget_days) and its day rate.
 */
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

/** The days consumed of the case `a`, derived from its sessions (also read by the sessions section's one statement). */
export const consumedSql = '(select coalesce(sum(s.days_consumed), 0) from sessions s where s.accompaniment_id = a.id)::text as consumed';

export type BudgetRow = { budget_days: string | number | null; budget_eur: string | number | null; consumed: string | number | null };

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
const budgetColumns = (db: Db | Trx) => [db.raw('a.budget_days::text as budget_days'), db.raw('a.budget_eur::text as budget_eur'), db.raw(consumedSql)];

/** One case's budget row. */
export const budgetOf = (db: Db | Trx, accompanimentId: string) => db('accompaniments as a').where('a.id', accompanimentId).select<BudgetRow[]>(budgetColumns(db));

/**
 * A session `s` held by a day (the office's day, Europe/Paris): logged as held or closed, and
 * starting on or before that day. The one definition of "held up to a date" (a progress report's
 * « situation arrêtée au », a phase's start); its one binding is the day.
 */
export const heldBySql = (alias = 's') => `${alias}.status <> 'planned' and (${alias}.starts_at at time zone 'Europe/Paris')::date <= ?::date`;

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
  db('accompaniments as a').whereIn('a.id', accompanimentIds).select<(BudgetRow & { id: string })[]>('a.id', ...budgetColumns(db));

/** The same summary for a whole page of accompaniments in one query (lists must not query per row). */
export async function daysSummaries(db: Db | Trx, accompanimentIds: string[]): Promise<Map<string, DaysSummary>> {
  if (!accompanimentIds.length) return new Map();
  const rows = await budgetsOf(db, accompanimentIds);
  return new Map(rows.map((r) => [String(r.id), summarise(r)]));
}

/** Days consumed per phase: of every session, or (asOf) of the sessions held up to that day. */
export function daysByPhase(db: Db | Trx, accompanimentId: string, asOf?: string) {
  const sessions = asOf ? sessionsHeldBy(db, accompanimentId, asOf).select('s.phase_id', 's.days_consumed').as('s') : 'sessions as s';
  return db('phases as p')
    .leftJoin(sessions, 's.phase_id', 'p.id')
    .where('p.accompaniment_id', accompanimentId)
    .groupBy('p.id', 'p.position', 'p.name')
    .orderBy('p.position')
    .select('p.id', 'p.position', 'p.name', db.raw('coalesce(sum(s.days_consumed), 0)::text as days'));
}

export type BudgetCheck = {
  contracted: number | null;
  /** Days of the case with this session counted at its new value. */
  total: number;
  /** This session's days before the save (0 for a new one). */
  previous: number;
  /** The save would take the case over its contracted days (and adds days to it). */
  exceeds: boolean;
  /** At least 80 % of the contracted days are consumed once saved. */
  warning: boolean;
};

const quarters = (n: number) => Math.round(n * 4);

/**
 * The budget rule of a session save, inside its transaction. The case row is locked first so that
 * two sessions saved at the same moment cannot both slip under the contracted days.
 * Only a save that adds days can be refused: correcting the minutes of a session of a case already
 * (knowingly) over budget is not.
 */
export async function checkBudget(trx: Trx, accompanimentId: string, sessionId: string | null, newDays: number): Promise<BudgetCheck> {
  const acc = await trx('accompaniments').where({ id: accompanimentId }).forUpdate().first('budget_days');
  const others = await trx('sessions')
    .where({ accompaniment_id: accompanimentId })
    .modify((q) => {
      if (sessionId) q.whereNot({ id: sessionId });
    })
    .sum({ days: 'days_consumed' })
    .first();
  const previousRow = sessionId ? await trx('sessions').where({ id: sessionId }).first('days_consumed') : null;
  const contracted = acc?.budget_days == null ? null : Number(acc.budget_days);
  const previous = Number(previousRow?.days_consumed ?? 0);
  const total = (quarters(Number(others?.days ?? 0)) + quarters(newDays)) / 4;
  return {
    contracted,
    total,
    previous,
    exceeds: contracted != null && total > contracted + 1e-9 && quarters(newDays) > quarters(previous),
    warning: contracted != null && contracted > 0 && total >= WARNING_RATIO * contracted - 1e-9,
  };
}
