import type { caseSheetsFr } from '../fr/case-sheets';

/** English strings of the case-sheets area (same keys as the French file). */
export const caseSheetsEn: Record<keyof typeof caseSheetsFr, string> = {
};
