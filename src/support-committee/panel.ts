import type { HomePanel } from '../home/panels';
import { panelRead, type PanelRow } from './queries';

/**
 * The comité d'appui part of the home page, for members from outside the operator (a funder, a
 * relay… linked to the committee as members): the latest meetings of the committees they sit on.
 * The operator's staff reach the committee from the main navigation.
 */
export const supportCommitteePanel: HomePanel = {
  id: 'supportCommittee',
  partial: 'support-committee/_home',
  reads({ db }, user) {
    return ['funder', 'relay'].includes(user.role) ? { rows: panelRead(db, user) } : null;
  },
  locals({ rows }: { rows: PanelRow[] }) {
    return rows.length ? { rows } : null;
  },
};
