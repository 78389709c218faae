import type { HomePanel } from '../home/panels';
import { countFunded, listPortalReports } from './queries';

/** How many reports the home page lists (the others are on /portal). */
const LATEST = 5;

/** The funder's part of the home page: the latest reports received and how many cases it funds. */
export const funderPortalPanel: HomePanel = {
  id: 'funder-portal',
  partial: 'funder-portal/_home',
  load: async ({ db }, user) => {
    if (user.role !== 'funder') return null;
    const [reports, fundedCount] = await Promise.all([listPortalReports(db, user, {}, 1, LATEST), countFunded(db, user)]);
    return { reports: reports.rows, fundedCount };
  },
};
