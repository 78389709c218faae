import type { SessionUser } from '../platform/auth/session-user';

type Acc = { operator_id: string };

/**
 * The staff who run a case: a coordinator or a manager of the operator the case belongs to. Every
 * area's policy asks this one question (an admin reads, a user of another operator sees nothing).
 */
export const isOperatorStaff = (u: SessionUser, a: Acc) =>
  (u.role === 'coordinator' || u.role === 'manager') && u.organisation_id === a.operator_id;

/**
 * Who may do what with an accompaniment already loaded through the user's scope.
 * Operator staff run their operator's cases; everyone else in scope only reads.
 */
export const accompanimentPolicy = {
  create: (u: SessionUser) => (u.role === 'coordinator' || u.role === 'manager') && u.organisation_kind === 'operator',
  update: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  transition: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  manageBeneficiaries: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  manageFunding: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  /** Internal figures (funding split, coordinator notes) are not for providers or beneficiaries. */
  seeFunding: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'admin' || u.role === 'funder',
};
