import type { followUpFr } from '../fr/follow-up';

/** English strings of the follow-up area (same keys as the French file). */
export const followUpEn: Record<keyof typeof followUpFr, string> = {
};
