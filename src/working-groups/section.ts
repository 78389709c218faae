import type { Section } from '../accompaniments/sections';

/** The working-groups part of the accompaniment page. */
export const workingGroupsSection: Section = {
  id: 'working-groups',
  partial: 'working-groups/_section',
  load: async () => ({}),
};
