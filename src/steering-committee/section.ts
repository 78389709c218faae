import type { Section } from '../accompaniments/sections';
import { committeeLocals } from './committee';

/**
 * The steering-committee part of the accompaniment page: its members grouped by organisation
 * (funders: only how many and in which roles) and, for the operator's staff, a link to the
 * committee page where members are added and removed (its lists of people are loaded there).
 */
export const steeringCommitteeSection: Section = {
  id: 'steering-committee',
  partial: 'steering-committee/_section',
  load: async ({ db, user, acc }) => committeeLocals(db, user, acc, { withForm: false }),
};
