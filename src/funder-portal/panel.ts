import type { HomePanel } from '../home/panels';
import { countFundedRead, latestReportsRead, type PortalReport } from './queries';

/** How many reports the home page lists (the others are on /portal). */
const LATEST = 5;

/** The funder's part of the home page: the latest reports received and how many cases it funds. */
export const funderPortalPanel: HomePanel = {
  id: 'funder-portal',
  partial: 'funder-portal/_home',
  reads({ db }, user) {
    return user.role === 'funder'
      ? { reports: latestReportsRead(db, user, LATEST), funded: countFundedRead(db, user) }
      : null;
  },
  locals({ reports, funded }: { reports: PortalReport[]; funded: { count: string }[] }) {
    return { reports, fundedCount: Number(funded[0].count) };
  },
};
