import { refuseBefore } from '../platform/dates';
import type { WriteContext } from '../platform/write';
import { checkpointFloor, recordCheckpoint } from './queries';
import type { CheckpointInput } from './schemas';

/**
 * Records (or corrects) a follow-up checkpoint held on the day chosen: never before the follow-up
 * was handed over (or, without a handoff, the case closed out): DateRefused on held_on. At the
 * version the form showed: false, nothing changed, when someone saved in between. Callable from a
 * route, a job or the CLI.
 */
export async function recordFollowUpCheckpoint(
  w: WriteContext,
  cp: { id: string; accompaniment_id: string; offset_months: number },
  lockVersion: number,
  input: CheckpointInput,
) {
  const userId = w.actor.userId;
  if (!userId) throw new Error('A checkpoint is recorded by a signed-in user');
  const floor = await checkpointFloor(w.trx, cp.accompaniment_id);
  if (floor) refuseBefore('held_on', input.held_on, floor.date, floor.key);
  const ok = await recordCheckpoint(w.trx, cp.id, Number.isInteger(lockVersion) ? lockVersion : -1, input, userId);
  await w.audit({
    action: ok ? 'follow_up.record' : 'follow_up.record_conflict',
    entityType: 'follow_up_checkpoint',
    entityId: cp.id,
    details: ok
      ? { accompaniment_id: cp.accompaniment_id, offset_months: cp.offset_months, ...input }
      : { accompaniment_id: cp.accompaniment_id },
  });
  return ok;
}
