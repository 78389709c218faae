import type { SessionUser } from '../platform/auth/session-user';
import { worksAtAnOperator } from '../operator-settings/policy';

type Pathway = { operator_id: string };

/** Staff of the parcours' operator: its coordinators, its direction, its admin. */
const staffOf = (u: SessionUser, p: Pathway) => worksAtAnOperator(u) && u.organisation_id === p.operator_id;

/**
 * Who may do what with a parcours; a parcours is loaded through scopePathways (scope.ts) first
 * (404 outside it: providers and funders see none). Deny by default.
 */
export const pathwayPolicy = {
  /** The list /pathways: the operator's staff, and the structures and relays for their own parcours. */
  list: (u: SessionUser) => worksAtAnOperator(u) || u.role === 'beneficiary' || u.role === 'relay',
  /** Reading one in scope: everyone the scope lets see it (the structure and its relays read only). */
  read: (u: SessionUser, p: Pathway) => staffOf(u, p) || u.role === 'beneficiary' || u.role === 'relay',
  /** Writing the diagnostic, the plan, actions, checkpoints, closing and reopening: the operator's staff. */
  manage: (u: SessionUser, p: Pathway) => staffOf(u, p),
  /** The coordinator's notes (diagnostic needs, orientation notes) are not for the relays. */
  seeNotes: (u: SessionUser, p: Pathway) => staffOf(u, p) || u.role === 'beneficiary',
  /** Staff filter the list by coordinator. */
  filterByCoordinator: (u: SessionUser) => worksAtAnOperator(u),
};
