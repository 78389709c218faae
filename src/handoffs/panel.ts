import type { HomePanel } from '../home/panels';

/** The handoffs part of the home page (to be written: null = not shown). */
export const handoffPanel: HomePanel = {
  id: 'handoffs',
  partial: 'handoffs/_home',
  load: async () => null,
};
