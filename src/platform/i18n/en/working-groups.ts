import type { workingGroupsFr } from '../fr/working-groups';

/** English strings of the working-groups area (same keys as the French file). */
export const workingGroupsEn: Record<keyof typeof workingGroupsFr, string> = {
};
