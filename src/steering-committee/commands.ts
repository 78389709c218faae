/** The committee's workflows: a member added or removed, each logged. Called by the routes (or a job, the CLI). */
import type { WriteContext } from '../platform/write';
import type { Participant } from './participants';
import { deleteMember, insertMember } from './queries';
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
