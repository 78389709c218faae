import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import type { Trx } from '../platform/db';

/**
 * The due date of a checkpoint: a calendar date plus whole months, clamped to the month's end
 * (31 Aug + 6 → 28/29 Feb, as date-fns addMonths does). Built from local calendar parts at noon,
 * never through a UTC timestamp, so a daylight-saving change in between cannot shift the day.
 */
export function dueDate(closedOutOn: string, offsetMonths: number): string {
  const [y, m, d] = closedOutOn.split('-').map(Number);
  if (!y || !m || !d) throw new Error(`Not a calendar date: ${closedOutOn}`);
  return format(addMonths(new Date(y, m - 1, d, 12), offsetMonths), 'yyyy-MM-dd');
}

/**
 * One follow-up checkpoint per offset after the close-out. Idempotent: offsets already scheduled
 * for the accompaniment are left alone (called by the handoff inside its transaction, and by seeds).
 */
export async function scheduleCheckpoints(
  trx: Trx,
  accompanimentId: string,
  closedOutOn: string,
  offsetsMonths: number[],
): Promise<void> {
  const offsets = [...new Set(offsetsMonths)].filter((o) => Number.isInteger(o) && o > 0);
  if (offsets.length === 0) return;
  await trx('follow_up_checkpoints')
    .insert(
      offsets.map((offset) => ({
        accompaniment_id: accompanimentId,
        offset_months: offset,
        due_on: dueDate(closedOutOn, offset),
      })),
    )
    .onConflict(['accompaniment_id', 'offset_months'])
    .ignore();
}
