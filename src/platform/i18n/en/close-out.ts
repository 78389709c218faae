import type { closeOutFr } from '../fr/close-out';

/** English strings of the close-out area (same keys as the French file). */
export const closeOutEn: Record<keyof typeof closeOutFr, string> = {
};
