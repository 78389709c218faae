import type { SessionUser } from '../platform/auth/session-user';
import { worksAtAnOperator } from '../operator-settings/policy';

type Request = { operator_id: string };

/** Staff of the request's operator: its coordinators, its direction, its admin. */
const staffOf = (u: SessionUser, r: Request) => worksAtAnOperator(u) && u.organisation_id === r.operator_id;

/**
 * Who may do what with intake requests; a request is loaded through scopeIntakeRequests (scope.ts)
 * first (404 outside it). Deny by default.
 */
export const intakePolicy = {
  /** The register: the operator's staff. */
  list: (u: SessionUser) => worksAtAnOperator(u),
  create: (u: SessionUser) => worksAtAnOperator(u),
  /** Recording the outcome, or reopening a mistaken one. */
  decide: (u: SessionUser, r: Request) => staffOf(u, r),
};
