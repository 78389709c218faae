/** French strings of the working-groups area. */
export const workingGroupsFr = {
} as const;
