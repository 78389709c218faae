/** The action items raised at sessions: adding one (its owner one of the case's structures) and changing its status. */
import type { Id } from '../platform/id';
import type { WriteContext } from '../platform/write';
import { ownerChoices } from './action-queries';
import type { SessionRef } from './commands';
import { ActionItemInput, ActionStatus, OPEN_ACTION_STATUSES } from './schemas';

/** The owner picked for an action item is not a structure of the case. */
export class UnknownOwner extends Error {}

/** An action item raised at a session; its owner, if any, is one of the case's structures (UnknownOwner). */
export async function addActionItem(
  w: WriteContext,
  s: SessionRef & { working_group_id: string | null },
  input: ActionItemInput,
) {
  const ownerId = input.owner_organisation_id;
  if (ownerId && !(await ownerChoices(w.trx, s.accompaniment_id)).some((o) => o.id === ownerId))
    throw new UnknownOwner();
  const [row] = await w
    .trx('action_items')
    .insert({
      accompaniment_id: s.accompaniment_id,
      session_id: s.id,
      working_group_id: s.working_group_id,
      ...input,
      status: 'open',
    })
    .returning<{ id: Id }[]>('id');
  const id = row.id;
  await w.audit({
    action: 'action_item.create',
    entityType: 'action_item',
    entityId: id,
    details: { accompaniment_id: s.accompaniment_id, session_id: s.id, what: input.what, due_on: input.due_on },
  });
  return id;
}

/** An action item's new status; done then dropped (or the reverse) keeps the date it was first closed. */
export async function setActionItemStatus(
  w: WriteContext,
  item: { id: string; accompaniment_id: string; status: string },
  status: ActionStatus,
) {
  const closing = !OPEN_ACTION_STATUSES.includes(status);
  const wasClosed = !(OPEN_ACTION_STATUSES as readonly string[]).includes(item.status);
  const patch = closing
    ? wasClosed
      ? { status }
      : { status, closed_at: w.trx.fn.now() }
    : { status, closed_at: null };
  await w.trx('action_items').where({ id: item.id }).update(patch);
  await w.audit({
    action: 'action_item.status',
    entityType: 'action_item',
    entityId: item.id,
    details: { accompaniment_id: item.accompaniment_id, from: item.status, to: status },
  });
}
