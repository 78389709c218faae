import type { SessionUser } from '../platform/auth/session-user';
import { worksAtAnOperator } from '../operator-settings/policy';

/** Editing the base (profile, listing, consultants): the direction and the admin; coordinators read it. */
const manage = (u: SessionUser) => worksAtAnOperator(u) && (u.role === 'manager' || u.role === 'admin');
const ownProvider = (u: SessionUser, p: { id: string }) => u.role === 'provider' && u.organisation_id === p.id;

/**
 * Who may do what with the provider base; a provider is loaded through scopeProviders (scope.ts) first
 * (404 outside it). Deny by default.
 */
export const providerPolicy = {
  /** The base, its filters and the suggestions of a consultation: the operators' staff. */
  list: (u: SessionUser) => worksAtAnOperator(u),
  /** The profile, consultants, listing and record: the staff, and a provider its own. */
  view: (u: SessionUser, p: { id: string }) => worksAtAnOperator(u) || ownProvider(u, p),
  manage,
  /** Its consultants: the direction and the admin, and the provider itself (who knows who works for it). */
  manageConsultants: (u: SessionUser, p: { id: string }) => manage(u) || ownProvider(u, p),
  /** The renewals due, on the home page: the direction. */
  remindRenewals: (u: SessionUser) => u.role === 'manager' && u.organisation_kind === 'operator',
};
