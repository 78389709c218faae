import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string };

/**
 * Phases of an accompaniment already loaded through the user's scope: everyone in scope reads
 * them (the page shows them), only the operator's staff create or change them. Deny by default.
 */
export const phasesPolicy = {
  manage: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
};
