import type { steeringCommitteeFr } from '../fr/steering-committee';

/** English strings of the steering-committee area (same keys as the French file). */
export const steeringCommitteeEn: Record<keyof typeof steeringCommitteeFr, string> = {
};
