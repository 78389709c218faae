/** French strings of the provider-workspace area. */
export const providerWorkspaceFr = {
} as const;
