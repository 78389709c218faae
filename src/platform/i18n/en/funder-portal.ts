import type { funderPortalFr } from '../fr/funder-portal';

/** English strings of the funder-portal area (same keys as the French file). */
export const funderPortalEn: Record<keyof typeof funderPortalFr, string> = {
  'funderPortal.nav': 'My reports',
};
