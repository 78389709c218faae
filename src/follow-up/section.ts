import type { Section } from '../accompaniments/sections';

/** The follow-up part of the accompaniment page (to be written: null = not shown). */
export const followUpSection: Section = {
  id: 'follow-up',
  partial: 'follow-up/_section',
  load: async () => null,
};
