import type { Trx } from '../platform/db';
import type { AccompanimentsRow, SessionsRow } from '../platform/db-tables';
import { quarters, WARNING_RATIO } from './days-consumed';

/**
 * The budget rule of a session save: the days of the case's sessions (planned ones included: a
 * planned session books its days) against the contracted days. The sums themselves are
 * days-consumed.ts's.
 */
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

/**
 * The budget rule of a session save, inside its transaction. The case row is locked first so that
 * two sessions saved at the same moment cannot both slip under the contracted days.
 * Only a save that adds days can be refused: correcting the minutes of a session of a case already
 * (knowingly) over budget is not.
 */
export async function checkBudget(
  trx: Trx,
  accompanimentId: string,
  sessionId: string | null,
  newDays: number,
): Promise<BudgetCheck> {
  const acc = await trx('accompaniments')
    .where({ id: accompanimentId })
    .forUpdate()
    .first<Pick<AccompanimentsRow, 'budget_days'> | undefined>('budget_days');
  const others = await trx('sessions')
    .where({ accompaniment_id: accompanimentId })
    .modify((q) => {
      if (sessionId) q.whereNot({ id: sessionId });
    })
    .sum({ days: 'days_consumed' })
    .first<{ days: string | null } | undefined>();
  const previousRow = sessionId
    ? await trx('sessions')
        .where({ id: sessionId })
        .first<Pick<SessionsRow, 'days_consumed'> | undefined>('days_consumed')
    : null;
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
