import type { HomePanel } from '../home/panels';
import { panelRows } from './queries';

/**
 * The handoffs part of the home page: for a relay user, the cases handed to its organisation with
 * their acknowledgement; for operator staff, their handoffs still waiting for acknowledgement.
 */
export const handoffPanel: HomePanel = {
  id: 'handoffs',
  partial: 'handoffs/_home',
  load: async ({ db }, user) => {
    if (!['relay', 'coordinator', 'manager'].includes(user.role)) return null;
    const rows = await panelRows(db, user);
    if (!rows.length && user.role !== 'relay') return null;
    return { rows, forRelay: user.role === 'relay' };
  },
};
