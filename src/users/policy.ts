import type { SessionUser } from '../platform/auth/session-user';

type User = { id: string };

/** Admins manage every account; nobody else manages accounts yet. */
export const userPolicy = {
  list: (u: SessionUser) => u.role === 'admin',
  invite: (u: SessionUser) => u.role === 'admin',
  view: (u: SessionUser, _t: User) => u.role === 'admin',
  update: (u: SessionUser, _t: User) => u.role === 'admin',
  // An admin cannot lock themselves out.
  disable: (u: SessionUser, t: User) => u.role === 'admin' && u.id !== t.id,
};
