import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string };

/**
 * Working groups of an accompaniment already loaded through the user's scope (a group is
 * reached only through its accompaniment). The operator's staff create, edit and compose them;
 * everyone else in scope reads. Funders see the groups, their structures and how many members,
 * not the members' or action owners' names (people of the structures). Deny by default.
 */
export const workingGroupsPolicy = {
  manage: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  seeNames: (u: SessionUser) => u.role !== 'funder',
};
