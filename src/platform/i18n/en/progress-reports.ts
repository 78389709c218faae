import type { progressReportsFr } from '../fr/progress-reports';

/** English strings of the progress-reports area (same keys as the French file). */
export const progressReportsEn: Record<keyof typeof progressReportsFr, string> = {
};
