import type { Section } from '../accompaniments/sections';

/** The case-sheets part of the accompaniment page (to be written: null = not shown). */
export const caseSheetSection: Section = {
  id: 'case-sheets',
  partial: 'case-sheets/_section',
  load: async () => null,
};
