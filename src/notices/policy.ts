import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string };

/**
 * Stakeholder notices of an accompaniment loaded through the user's scope: everyone in scope
 * reads them, the operator's staff record and delete them. Deny by default.
 */
export const noticesPolicy = {
  manage: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
};
