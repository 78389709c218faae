import type { conventionsFr } from '../fr/conventions';

/** English strings of the conventions area (same keys as the French file). */
export const conventionsEn: Record<keyof typeof conventionsFr, string> = {
};
