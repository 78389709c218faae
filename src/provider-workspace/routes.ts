import type { SessionUser } from '../platform/auth/session-user';
import { localToday } from '../phases/today';
import type { Deps } from '../platform/deps';
import { providerWorkspace } from './queries';

/**
 * A provider user's home page shows its workspace: the accompaniments it was selected for, and
 * of each what is expected of it and when. The home route renders it (views/provider-workspace/_workspace).
 */
export function providerWorkspaceOf(deps: Deps, user: SessionUser) {
  return providerWorkspace(deps.db, user, localToday(), deps.logger);
}
