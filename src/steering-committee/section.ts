import type { Section } from '../accompaniments/sections';

/** The steering-committee part of the accompaniment page. */
export const steeringCommitteeSection: Section = {
  id: 'steering-committee',
  partial: 'steering-committee/_section',
  load: async () => ({}),
};
