import type { HomePanel } from '../home/panels';

/** The follow-up part of the home page (to be written: null = not shown). */
export const followUpPanel: HomePanel = {
  id: 'follow-up',
  partial: 'follow-up/_home',
  load: async () => null,
};
