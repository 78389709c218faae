import type { HomePanel } from '../home/panels';
import { localToday } from '../phases/today';
import { pendingCheckpointsFor } from './queries';

/** Checkpoints fallen due and not recorded, on the relay's and the coordinator's home page (hidden when none). */
export const followUpPanel: HomePanel = {
  id: 'follow-up',
  partial: 'follow-up/_home',
  load: async (deps, user) => {
    const pending = await pendingCheckpointsFor(deps.db, user, localToday());
    return pending.length ? { pending } : null;
  },
};
