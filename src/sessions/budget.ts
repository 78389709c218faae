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

export async function daysSummary(db: Db | Trx, accompanimentId: string): Promise<DaysSummary> {
  const row = await db('accompaniments as a')
    .where('a.id', accompanimentId)
    .first(
      'a.budget_days',
      'a.budget_eur',
      db.raw('(select coalesce(sum(s.days_consumed), 0) from sessions s where s.accompaniment_id = a.id) as consumed'),
    );
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

export function daysByPhase(db: Db | Trx, accompanimentId: string) {
  return db('phases as p')
    .leftJoin('sessions as s', 's.phase_id', 'p.id')
    .where('p.accompaniment_id', accompanimentId)
    .groupBy('p.id', 'p.position', 'p.name')
    .orderBy('p.position')
    .select('p.id', 'p.position', 'p.name', db.raw('coalesce(sum(s.days_consumed), 0) as days'));
}
