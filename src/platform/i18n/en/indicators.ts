import type { indicatorsFr } from '../fr/indicators';

/** English strings of the indicators area (same keys as the French file). */
export const indicatorsEn: Record<keyof typeof indicatorsFr, string> = {
  'indicators.nav': 'Indicators',
};
