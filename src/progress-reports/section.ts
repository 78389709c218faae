import type { Section } from '../accompaniments/sections';
import { reportPolicy } from './policy';
import { listReports } from './queries';

/** How many reports the accompaniment page lists (all of them are on the reports page). */
const SECTION_REPORTS = 3;

/** The progress-reports part of the accompaniment page: the last reports, and "Nouveau rapport" for staff. */
export const progressReportsSection: Section = {
  id: 'progress-reports',
  partial: 'progress-reports/_section',
  load: async ({ db, user, acc }) => {
    if (!reportPolicy.read(user, acc)) return null;
    const canManage = reportPolicy.manage(user, acc);
    const reports = await listReports(db, user, acc.id, SECTION_REPORTS);
    // A funder with nothing sent yet has nothing to see here.
    if (!canManage && !reports.length) return null;
    return { reports, canManage, seeDelivery: reportPolicy.seeDelivery(user, acc) };
  },
};
