import type { SessionUser } from '../platform/auth/session-user';

type Acc = { operator_id: string };

const isOperatorStaff = (u: SessionUser, a: Acc) =>
  (u.role === 'coordinator' || u.role === 'manager') && String(u.organisation_id) === String(a.operator_id);

/**
 * Sessions are logged by the operator's staff or by the selected provider (a provider user only
 * reaches accompaniments it was selected for, through the scope). The coordinator validates,
 * closes (locks the minutes), reopens with a reason, and alone may go over the contracted days.
 * Callers have already loaded the accompaniment or session through the user's scope.
 */
export const sessionPolicy = {
  log: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'provider',
  edit: (u: SessionUser, s: Acc & { status: string }) => s.status !== 'closed' && (isOperatorStaff(u, s) || u.role === 'provider'),
  validate: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  close: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  reopen: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  exceedBudget: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
};
