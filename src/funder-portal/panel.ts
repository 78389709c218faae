import type { HomePanel } from '../home/panels';

/** The funder-portal part of the home page (to be written: null = not shown). */
export const funderPortalPanel: HomePanel = {
  id: 'funder-portal',
  partial: 'funder-portal/_home',
  load: async () => null,
};
