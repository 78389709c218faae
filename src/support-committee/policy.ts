import type { SessionUser } from '../platform/auth/session-user';

type Operated = { operator_id: string };

/**
 * The comité d'appui of an operator. Its staff (coordinators, managers, admins of that operator)
 * compose the committee, plan and hold meetings, put parcours on the agenda and record the opinions.
 * Members from outside the operator with a Jalons account (a funder, a network…) read the agendas of
 * the committees they sit on: the summaries and the opinions, never the parcours or the diagnostic
 * (scope.ts decides which meetings they reach). Providers and beneficiaries: nothing. Deny by default.
 */
export const isCommitteeStaff = (u: SessionUser, m: Operated) =>
  (u.role === 'coordinator' || u.role === 'manager' || u.role === 'admin') && u.organisation_id === m.operator_id;

/** Roles that may run an operator's committee at all (their own operator's). */
export const STAFF_ROLES = ['admin', 'manager', 'coordinator'] as const;
export const isStaffRole = (u: SessionUser) => (STAFF_ROLES as readonly string[]).includes(u.role);

export const supportCommitteePolicy = {
  /** The members' list (names, e-mails) and its changes. */
  manageMembers: (u: SessionUser) => isStaffRole(u) && u.organisation_kind === 'operator',
  /** Plan, edit, hold or cancel a meeting, its agenda, its minutes, its opinions. */
  manage: (u: SessionUser, m: Operated) => isCommitteeStaff(u, m),
  /** The full record behind an item: links to the parcours, the consultancy, the diagnostic. */
  seeRecord: (u: SessionUser, m: Operated) => isCommitteeStaff(u, m) || u.role === 'admin',
  /** Letting a consultation open without the committee's opinion: the operator's direction or an admin. */
  override: (u: SessionUser, a: Operated) =>
    (u.role === 'manager' && u.organisation_id === a.operator_id) || u.role === 'admin',
  /** The committee's word on a case, near its lifecycle bar: the operator's staff and admins. */
  seeCaseStatus: (u: SessionUser, a: Operated) => isCommitteeStaff(u, a) || u.role === 'admin',
};
