import type { Section } from '../accompaniments/sections';
import { consultationPolicy } from './policy';
import { selectedOutcome } from './queries';
import { sectionWorkspace } from './section-query';
import { localToday } from '../platform/dates';

/**
 * The consultation part of the accompaniment page. The operator's staff (and admins, read-only)
 * see the whole call; everyone else in scope sees only the selected provider, its days and price,
 * once chosen — never the other bidders, their prices or their scores.
 */
export const consultationSection: Section = {
  id: 'consultation',
  partial: 'consultations/_section',
  load: async ({ db, user, acc }) => {
    if (consultationPolicy.seeDetails(user, acc)) {
      const ws = await sectionWorkspace(db, acc, consultationPolicy.edit(user, acc));
      return { mode: 'full', ws, today: localToday(), errors: {}, values: {} };
    }
    if (!consultationPolicy.seeOutcome(user, acc)) return null;
    const outcome = await selectedOutcome(db, acc.id);
    return outcome ? { mode: 'outcome', outcome } : null;
  },
};
