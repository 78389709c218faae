/** French strings of the steering-committee area. */
export const steeringCommitteeFr = {
} as const;
