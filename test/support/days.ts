export const DAY = 86_400_000;

/**
 * An instant `n` days ago, an hour earlier still: "inactive for n days" counts whole days, and the
 * hour keeps a test from landing on the boundary while it runs.
 */
export const daysAgo = (n: number) => new Date(Date.now() - n * DAY - 3_600_000);
