import type { SessionUser } from '../platform/auth/session-user';

/**
 * Anyone working at an operator, whichever operator and admins included (not only a case's staff,
 * which is accompaniments/policy isOperatorStaff): they share one national directory of structures
 * and see and edit every one.
 */
const worksAtAnOperator = (u: SessionUser) =>
  (u.role === 'admin' || u.role === 'manager' || u.role === 'coordinator') && u.organisation_kind === 'operator';

/**
 * Who may do what with structures. What each role may see at all is scopeStructures (scope.ts);
 * these answer for a structure already loaded through that scope. Deny by default.
 */
export const structurePolicy = {
  /** The list: everyone who may see at least one structure (relays see none). */
  list: (u: SessionUser) =>
    worksAtAnOperator(u) || u.role === 'beneficiary' || u.role === 'provider' || u.role === 'funder',
  create: (u: SessionUser) => worksAtAnOperator(u),
  update: (u: SessionUser) => worksAtAnOperator(u),
  manageContacts: (u: SessionUser) => worksAtAnOperator(u),
  /**
   * Whether a structure named on a case the user reads opens for them (its link on the case): operator
   * staff, the case's provider and funders (scope.ts lets them see it); a structure's own user only its own.
   */
  open: (u: SessionUser, organisationId: string) =>
    worksAtAnOperator(u) ||
    u.role === 'provider' ||
    u.role === 'funder' ||
    (u.role === 'beneficiary' && String(u.organisation_id) === String(organisationId)),
  /** People's names and phone numbers are for those who work with the structure, not for funders. */
  seeContacts: (u: SessionUser) => worksAtAnOperator(u) || u.role === 'beneficiary' || u.role === 'provider',
};
