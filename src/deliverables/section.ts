import type { Section } from '../accompaniments/sections';
import { localToday } from '../platform/dates';
import { deliverablePolicy } from './policy';
import { listDeliverables } from './queries';

/**
 * The deliverables part of the accompaniment page: one row per deliverable (type, title,
 * expected date, status, last version, consent marker), overdue expected ones marked.
 * Funders see the same list (titles and statuses); the content is on each deliverable's page.
 */
export const deliverablesSection: Section = {
  id: 'deliverables',
  partial: 'deliverables/_section',
  load: async ({ db, user, acc }) => {
    if (!deliverablePolicy.list(user, acc)) return null;
    const deliverables = await listDeliverables(db, acc.id, localToday(), user);
    const canCreate = deliverablePolicy.create(user, acc);
    if (!deliverables.length && !canCreate && user.role === 'funder') return null;
    return { deliverables, canCreate };
  },
};
