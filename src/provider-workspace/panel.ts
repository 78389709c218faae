import type { HomePanel } from '../home/panels';
import { localToday } from '../platform/dates';
import { workspaceFrom, workspaceReads, type WorkspaceRows } from './queries';

/** The provider's workspace, its home page: the cases it was selected for and what is expected of it. */
export const providerWorkspacePanel: HomePanel = {
  id: 'provider-workspace',
  partial: 'provider-workspace/_workspace',
  reads({ db }, user) {
    return user.role === 'provider' ? workspaceReads(db, user) : null;
  },
  locals(rows: WorkspaceRows) {
    return { cases: workspaceFrom(rows, localToday()) };
  },
};
