import type { Section } from '../accompaniments/sections';
import { committeeLocals } from './committee';

/**
 * The steering-committee part of the accompaniment page: its members grouped by organisation
 * (funders: only how many and in which roles) and, for the operator's staff, the add form.
 */
export const steeringCommitteeSection: Section = {
  id: 'steering-committee',
  partial: 'steering-committee/_section',
  load: async ({ db, user, acc }) => ({ ...(await committeeLocals(db, user, acc)), values: {}, errors: {} }),
};
