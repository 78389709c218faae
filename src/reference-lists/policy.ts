import type { SessionUser } from '../platform/auth/session-user';

/**
 * Who may change the national lists (/settings/lists): admins only, since the lists are shared by
 * every operator and figures aggregate on their codes. Everyone reads them through the forms.
 */
export const referenceListPolicy = {
  manage: (u: SessionUser) => u.role === 'admin' && u.organisation_kind === 'operator',
};
