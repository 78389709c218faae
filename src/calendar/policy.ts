import { ROLES, SessionUser } from '../platform/auth/session-user';
import { sessionPolicy } from '../sessions/policy';

/** A session with its case's state: after the handoff the provider no longer invites (sessionPolicy.log). */
type InCase = Parameters<typeof sessionPolicy.log>[1];

/**
 * Calendars. Callers have already loaded the session through the user's scope (404 otherwise).
 * - every active user manages their own private feed;
 * - whoever sees a session may download it;
 * - invitations are sent by those who log the session: operator staff, the selected provider.
 */
export const calendarPolicy = {
  ownFeed: (u: SessionUser) => u.status === 'active' && ROLES.includes(u.role),
  download: (u: SessionUser) => ROLES.includes(u.role),
  invite: (u: SessionUser, s: InCase) => sessionPolicy.log(u, s),
};
