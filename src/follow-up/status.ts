import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';

/**
 * Where a checkpoint stands on a given day. A checkpoint becomes "due" on its date and is
 * "overdue" once a grace period has gone by without it being recorded (the relay needs some
 * days to call the structures); both are listed on the home pages.
 */
export const GRACE_DAYS = 30;
export type CheckpointStatus = 'upcoming' | 'due' | 'overdue' | 'done';

export function checkpointStatus(
  cp: { due_on: string; recorded_at: Date | string | null },
  today: string,
): CheckpointStatus {
  if (cp.recorded_at) return 'done';
  if (cp.due_on > today) return 'upcoming';
  return cp.due_on < overdueBefore(today) ? 'overdue' : 'due';
}

/** Checkpoints due before this calendar date are overdue today. */
export function overdueBefore(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  return format(addDays(new Date(y, m - 1, d, 12), -GRACE_DAYS), 'yyyy-MM-dd');
}
