import type { providerWorkspaceFr } from '../fr/provider-workspace';

/** English strings of the provider-workspace area (same keys as the French file). */
export const providerWorkspaceEn: Record<keyof typeof providerWorkspaceFr, string> = {
};
