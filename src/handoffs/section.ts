import type { Section } from '../accompaniments/sections';

/** The handoffs part of the accompaniment page (to be written: null = not shown). */
export const handoffSection: Section = {
  id: 'handoffs',
  partial: 'handoffs/_section',
  load: async () => null,
};
