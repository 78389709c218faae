/** The committee's workflows: a member added or removed, each logged. Called by the routes (or a job, the CLI). */
import type { WriteContext } from '../platform/write';
import type { Participant } from './participants';
import { deleteMember, insertMember, insertStructureContacts } from './queries';
import type { MemberRole } from './schemas';

/** A member added to the case's committee (the participant already resolved and not yet a member), logged. */
export async function addMember(w: WriteContext, accompanimentId: string, p: Participant, role: MemberRole) {
  const id = await insertMember(w.trx, accompanimentId, p, role);
  await w.audit({
    action: 'steering_committee.member_add',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: {
      member_id: id,
      name: p.name,
      role,
      organisation_id: p.organisation_id,
      user_id: p.user_id,
      contact_id: p.contact_id,
    },
  });
  return id;
}

/** A member removed from the case's committee, logged; null (nothing logged) when it is not one of this case's. */
export async function removeMember(w: WriteContext, accompanimentId: string, memberId: string) {
  const row = await deleteMember(w.trx, accompanimentId, memberId);
  if (!row) return null;
  await w.audit({
    action: 'steering_committee.member_remove',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { member_id: memberId, name: row.name, role: row.role },
  });
  return row;
}

/**
 * Every contact of the case's structures (those still in it) put on the committee in one step, with
 * the role of their record; those already on it are left as they are. Logged, even when nobody was
 * missing; answers how many were added.
 */
export async function addStructureContacts(w: WriteContext, accompanimentId: string) {
  const added = await insertStructureContacts(w.trx, accompanimentId);
  await w.audit({
    action: 'steering_committee.contacts_add',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: {
      count: added.length,
      members: added.map((m) => ({ member_id: m.id, contact_id: m.contact_id, name: m.name })),
    },
  });
  return added.length;
}
