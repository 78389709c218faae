import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string };

/**
 * Progress reports of an accompaniment, once the report was loaded through scopeReports (which
 * already hides drafts from funders and everything from providers, beneficiaries and relays):
 * the operator's staff write and send them; whoever else is in that scope reads.
 */
export const reportPolicy = {
  read: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'admin' || u.role === 'funder',
  manage: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  /** Who received a report and whether the mail went through: the operator's and the admins' business. */
  seeDelivery: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'admin',
};
