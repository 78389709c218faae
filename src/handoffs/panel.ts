import type { HomePanel } from '../home/panels';
import { panelRead, type PanelRow } from './queries';

/**
 * The handoffs part of the home page: for a relay user, the cases handed to its organisation with
 * their acknowledgement; for operator staff, their handoffs still waiting for acknowledgement.
 */
export const handoffPanel: HomePanel = {
  id: 'handoffs',
  partial: 'handoffs/_home',
  reads({ db }, user) {
    return ['relay', 'coordinator', 'manager'].includes(user.role) ? { rows: panelRead(db, user) } : null;
  },
  locals({ rows }: { rows: PanelRow[] }, user) {
    return rows.length || user.role === 'relay' ? { rows, forRelay: user.role === 'relay' } : null;
  },
};
