/**
 * The working groups' commands, callable from a route, a job or the CLI: each takes the write
 * context (transaction + audit) and plain data, never a request. Creating a group, editing it at
 * the version the form showed, deleting one that never met, adding a member.
 */
import type { WriteContext } from '../platform/write';
import { insertGroup, insertGroupMember, updateGroup, type WorkingGroup } from './queries';
import type { GroupInput } from './schemas';
import type { SessionsRow } from '../platform/db-tables';

/** A new group of the case, logged with what it holds. Its id. */
export async function createGroup(w: WriteContext, accompanimentId: string, input: GroupInput) {
  const id = await insertGroup(w.trx, accompanimentId, input);
  await w.audit({
    action: 'working_group.create',
    entityType: 'working_group',
    entityId: id,
    details: { accompaniment_id: accompanimentId, ...input },
  });
  return id;
}

/**
 * Saves a group at the version the form showed, logged with its theme, name, aim and structures
 * before (`structureIds`) and after. False when someone saved in between (logged as a conflict).
 */
export async function editGroup(
  w: WriteContext,
  before: Pick<WorkingGroup, 'id' | 'accompaniment_id' | 'theme' | 'name' | 'aim'>,
  structureIds: string[],
  lockVersion: number,
  input: GroupInput,
) {
  const ok = await updateGroup(w.trx, before.id, lockVersion, input);
  const accompaniment_id = before.accompaniment_id;
  const was = { theme: before.theme, name: before.name, aim: before.aim, structure_ids: structureIds };
  await w.audit({
    action: ok ? 'working_group.update' : 'working_group.update_conflict',
    entityType: 'working_group',
    entityId: before.id,
    details: ok ? { accompaniment_id, before: was, after: input } : { accompaniment_id },
  });
  return ok;
}

/**
 * Deletes a group that never met. A group that met keeps its history: its sessions (and their
 * minutes, days, attendance) point to it. Counted inside the transaction, so that a session logged
 * meanwhile is not orphaned. Answers how many sessions it had (0: deleted); both logged.
 */
export async function deleteGroup(
  w: WriteContext,
  group: Pick<WorkingGroup, 'id' | 'accompaniment_id' | 'theme' | 'name'>,
) {
  const count = await w
    .trx<SessionsRow>('sessions')
    .where({ working_group_id: group.id })
    .count<{ n: string | number }[]>('* as n')
    .first();
  const n = Number(count?.n ?? 0);
  if (n === 0) await w.trx('working_groups').where({ id: group.id }).delete();
  await w.audit({
    action: n === 0 ? 'working_group.delete' : 'working_group.delete_refused',
    entityType: 'working_group',
    entityId: group.id,
    details: { accompaniment_id: group.accompaniment_id, theme: group.theme, name: group.name, sessions: n },
  });
  return n;
}

/** Adds a person to a group (a user, a contact, or a name typed with its organisation), logged. */
export async function addGroupMember(w: WriteContext, groupId: string, p: Parameters<typeof insertGroupMember>[2]) {
  const id = await insertGroupMember(w.trx, groupId, p);
  await w.audit({
    action: 'working_group.member_add',
    entityType: 'working_group',
    entityId: groupId,
    details: {
      member_id: id,
      name: p.name,
      organisation_id: p.organisation_id,
      organisation_name: p.organisation_name,
      user_id: p.user_id,
      contact_id: p.contact_id,
    },
  });
}
