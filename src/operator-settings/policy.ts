import type { SessionUser } from '../platform/auth/session-user';

/** Anyone working at an operator: its admin, its direction, its coordinators. */
export const worksAtAnOperator = (u: SessionUser) =>
  (u.role === 'admin' || u.role === 'manager' || u.role === 'coordinator') && u.organisation_kind === 'operator';

/**
 * Who may read and change the settings of their own operator (the page shows the user's operator
 * only: there is no other operator's settings to reach). Deny by default.
 */
export const operatorSettingsPolicy = {
  read: (u: SessionUser) => worksAtAnOperator(u),
  /** The direction and the admin decide; coordinators work with what they decided. */
  update: (u: SessionUser) => worksAtAnOperator(u) && (u.role === 'manager' || u.role === 'admin'),
};
