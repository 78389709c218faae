/** French strings of the conventions area. */
export const conventionsFr = {
} as const;
