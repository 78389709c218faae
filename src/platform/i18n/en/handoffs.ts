import type { handoffsFr } from '../fr/handoffs';

/** English strings of the handoffs area (same keys as the French file). */
export const handoffsEn: Record<keyof typeof handoffsFr, string> = {
};
