/** French strings of the sessions area. */
export const sessionsFr = {
} as const;
