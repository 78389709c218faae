import type { SessionUser } from '../platform/auth/session-user';

type Org = { id: string };

/** Only admins manage organisations; members may look at their own. */
export const organisationPolicy = {
  list: (u: SessionUser) => u.role === 'admin',
  create: (u: SessionUser) => u.role === 'admin',
  update: (u: SessionUser, _o: Org) => u.role === 'admin',
  view: (u: SessionUser, o: Org) => u.role === 'admin' || u.organisation_id === o.id,
};
