/** French strings of the deliverables area. */
export const deliverablesFr = {
} as const;
