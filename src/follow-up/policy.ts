import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string };

/**
 * Follow-up checkpoints of an accompaniment already loaded through the user's scope. The relay it
 * was handed to records them (a relay user only ever sees handed-off cases: src/accompaniments/
 * scope.ts), and so may the operator's staff when the relay cannot; everyone else in scope reads.
 */
export const followUpPolicy = {
  record: (u: SessionUser, a: Acc) => u.role === 'relay' || isOperatorStaff(u, a),
};
