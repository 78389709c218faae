import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string };

/**
 * Who may do what with the consultation of an accompaniment already loaded through the user's scope.
 * The bidders, their prices and scores are for the operator's staff (and admins, read-only):
 * providers must never see their competitors; funders and beneficiaries only see the outcome.
 */
export const consultationPolicy = {
  seeDetails: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'admin',
  edit: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  /** Anyone in scope may know who was selected, for how many days and at what price. */
  seeOutcome: (_u: SessionUser, _a: Acc) => true,
};
