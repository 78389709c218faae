import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string };

/**
 * The steering committee of an accompaniment already loaded through the user's scope.
 * Operator staff compose it; everyone else in scope reads it. Funders see how many people sit on
 * it and in which roles, never their names: the committee is made of the structures' employees
 * and board members, personal data the funders' reporting does not need. Deny by default.
 */
export const steeringCommitteePolicy = {
  manage: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  seeNames: (u: SessionUser) => u.role !== 'funder',
};
