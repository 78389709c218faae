import type { Section } from '../accompaniments/sections';

/** The deliverables part of the accompaniment page. */
export const deliverablesSection: Section = {
  id: 'deliverables',
  partial: 'deliverables/_section',
  load: async () => null,
};
