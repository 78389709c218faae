import type { HomePanel } from '../home/panels';
import { localToday } from '../platform/dates';
import { pendingCheckpointsRead, type PendingRow } from './queries';

/** Checkpoints fallen due and not recorded, on the relay's and the coordinator's home page (hidden when none). */
export const followUpPanel: HomePanel = {
  id: 'follow-up',
  partial: 'follow-up/_home',
  reads({ db }, user) {
    const pending = pendingCheckpointsRead(db, user, localToday());
    return pending && { pending };
  },
  locals({ pending }: { pending: PendingRow[] }) {
    return pending.length ? { pending } : null;
  },
};
