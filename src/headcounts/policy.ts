import { worksAtAnOperator } from '../operator-settings/policy';
import type { SessionUser } from '../platform/auth/session-user';

/**
 * Who may do what with a structure's headcount snapshots; the structure is loaded through
 * scopeStructures first (404 outside it, e.g. relays). Deny by default: providers and funders who
 * see the structure neither read nor record its headcounts (403 on the form).
 */
export const headcountPolicy = {
  /** Operator staff (any operator: the directory is national) record snapshots. */
  record: (u: SessionUser) => worksAtAnOperator(u),
  /** Operator staff, and the structure's own users for their own structure. */
  read: (u: SessionUser, organisationId: string) =>
    worksAtAnOperator(u) || (u.role === 'beneficiary' && u.organisation_id === organisationId),
};
