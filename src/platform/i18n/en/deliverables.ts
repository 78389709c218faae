import type { deliverablesFr } from '../fr/deliverables';

/** English strings of the deliverables area (same keys as the French file). */
export const deliverablesEn: Record<keyof typeof deliverablesFr, string> = {
};
