import type { Section } from '../accompaniments/sections';
import { neverClosedOut } from '../accompaniments/states';
import { localToday } from '../platform/dates';
import { listCheckpoints } from './queries';
import { checkpointStatus } from './status';

/** The follow-up part of the accompaniment page: its checkpoints and where each stands (hidden before any is scheduled). */
export const followUpSection: Section = {
  id: 'follow-up',
  partial: 'follow-up/_section',
  load: async ({ db, acc }) => {
    if (neverClosedOut(acc.state)) return null;
    const today = localToday();
    const checkpoints = (await listCheckpoints(db, acc.id)).map((cp) => ({
      ...cp,
      status: checkpointStatus(cp, today),
    }));
    return checkpoints.length ? { checkpoints } : null;
  },
};
