import type { Section } from '../accompaniments/sections';

/** The progress-reports part of the accompaniment page (to be written: null = not shown). */
export const progressReportsSection: Section = {
  id: 'progress-reports',
  partial: 'progress-reports/_section',
  load: async () => null,
};
