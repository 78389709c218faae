import type { sessionsFr } from '../fr/sessions';

/** English strings of the sessions area (same keys as the French file). */
export const sessionsEn: Record<keyof typeof sessionsFr, string> = {
};
