import type { Section } from '../accompaniments/sections';

/** The conventions part of the accompaniment page. */
export const conventionsSection: Section = {
  id: 'conventions',
  partial: 'conventions/_section',
  load: async () => null,
};
