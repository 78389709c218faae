import type { Section } from '../accompaniments/sections';

/** The close-out part of the accompaniment page (to be written: null = not shown). */
export const closeOutSection: Section = {
  id: 'close-out',
  partial: 'close-out/_section',
  load: async () => null,
};
