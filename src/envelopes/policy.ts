import type { SessionUser } from '../platform/auth/session-user';

type Operated = { operator_id: string };
type Funded = { funder_id: string };

/**
 * Funding envelopes (issue 20). The operator's direction (role 'manager') and its admins create and
 * edit them and commit amounts on them; its coordinators read them; a funder reads the figures of its
 * own envelopes, nothing else. Providers, relays and structures: nothing (scope.ts answers 404, the
 * list page 403). Deny by default.
 */
const isDirection = (u: SessionUser, e: Operated) =>
  (u.role === 'manager' || u.role === 'admin') && u.organisation_id === e.operator_id;

export const envelopePolicy = {
  /** The year's page at all: the operator's staff and admins, funders for their own envelopes. */
  list: (u: SessionUser) =>
    (['admin', 'manager', 'coordinator'].includes(u.role) && u.organisation_kind === 'operator') || u.role === 'funder',
  /** Creating an envelope for one's operator. */
  create: (u: SessionUser) => (u.role === 'manager' || u.role === 'admin') && u.organisation_kind === 'operator',
  /** Reading one envelope and its commitments (loaded through scope.ts). */
  view: (u: SessionUser, e: Operated & Funded) =>
    (['admin', 'manager', 'coordinator'].includes(u.role) && u.organisation_id === e.operator_id) ||
    u.role === 'admin' ||
    (u.role === 'funder' && u.organisation_id === e.funder_id),
  /** Editing an envelope, committing on it, releasing a commitment. */
  manage: (u: SessionUser, e: Operated) => isDirection(u, e),
  /** Committing a case's money: the direction of the case's operator. */
  commitCase: (u: SessionUser, acc: Operated) => isDirection(u, acc),
  /** The case's « Financement » block: the operator's staff and admins (figures internal to the operator). */
  seeCase: (u: SessionUser, acc: Operated) =>
    (['manager', 'coordinator'].includes(u.role) && u.organisation_id === acc.operator_id) || u.role === 'admin',
  /** Links from an envelope's commitments to the cases: those who open the operator's cases. */
  openCases: (u: SessionUser, e: Operated) =>
    (['manager', 'coordinator'].includes(u.role) && u.organisation_id === e.operator_id) || u.role === 'admin',
};
