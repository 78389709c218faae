import type { Accompaniment } from '../accompaniments/queries';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { participantChoices, type ParticipantChoices } from './participants';
import { steeringCommitteePolicy } from './policy';
import { compositionByRole, groupByOrganisation, listMembers } from './queries';
import { MEMBER_ROLES } from './schemas';

/**
 * What the section and the committee page show: names for those who may see them, composition for
 * funders. The add form, and the four lists it offers, are only on the committee page (`withForm`).
 */
export async function committeeLocals(
  db: Db,
  user: SessionUser,
  acc: Accompaniment,
  opts: { choices?: ParticipantChoices; withForm?: boolean } = {},
) {
  const { choices, withForm = true } = opts;
  const members = await listMembers(db, acc.id);
  const canManage = steeringCommitteePolicy.manage(user, acc);
  const seeNames = steeringCommitteePolicy.seeNames(user);
  return {
    count: members.length,
    composition: compositionByRole(members),
    groups: seeNames ? groupByOrganisation(members) : [],
    seeNames,
    canManage,
    roles: MEMBER_ROLES,
    choices: canManage && withForm ? (choices ?? (await participantChoices(db, acc))) : null,
    // Who is already on it, so that the lists offer only the others.
    taken: canManage
      ? {
          users: members.flatMap((m) => (m.user_id ? [m.user_id] : [])),
          contacts: members.flatMap((m) => (m.contact_id ? [m.contact_id] : [])),
        }
      : null,
  };
}
