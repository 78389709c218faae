import type { SessionUser } from '../platform/auth/session-user';

type Acc = { operator_id: string };

const isOperatorStaff = (u: SessionUser, a: Acc) =>
  (u.role === 'coordinator' || u.role === 'manager') && String(u.organisation_id) === String(a.operator_id);

/**
 * Stakeholder notices of an accompaniment loaded through the user's scope: everyone in scope
 * reads them, the operator's staff record and delete them. Deny by default.
 */
export const noticesPolicy = {
  manage: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
};
