import { readingSection } from '../accompaniments/reading-section';
import { read } from '../platform/read-together';
import { consultationPolicy } from './policy';
import { selectedOutcomeQuery, type Outcome } from './queries';
import { sectionWorkspace, sectionWorkspaceReads } from './section-query';
import { localToday } from '../platform/dates';

/**
 * The consultation part of the accompaniment page. The operator's staff (and admins, read-only)
 * see the whole call; everyone else in scope sees only the selected provider, its days and price,
 * once chosen — never the other bidders, their prices or their scores.
 */
export const consultationSection = readingSection({
  id: 'consultation',
  partial: 'consultations/_section',
  reads: ({ db, user, acc }) => {
    if (consultationPolicy.seeDetails(user, acc))
      return sectionWorkspaceReads(db, acc, consultationPolicy.edit(user, acc));
    if (!consultationPolicy.seeOutcome(user, acc)) return null;
    return { outcome: read<Outcome>(selectedOutcomeQuery(db, acc.id)) };
  },
  show: async ({ db, user, acc }, rows) => {
    if ('bids' in rows) {
      const ws = await sectionWorkspace(db, acc, consultationPolicy.edit(user, acc), rows);
      return { mode: 'full', ws, today: localToday(), errors: {}, values: {} };
    }
    const outcome = rows.outcome[0];
    return outcome ? { mode: 'outcome', outcome } : null;
  },
});
