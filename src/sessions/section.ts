import type { Section } from '../accompaniments/sections';

/** The sessions part of the accompaniment page. */
export const sessionsSection: Section = {
  id: 'sessions',
  partial: 'sessions/_section',
  load: async () => ({}),
};
