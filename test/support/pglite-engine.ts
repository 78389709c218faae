import type { PgliteEngine } from '../../src/platform/db';

/**
 * PGlite's engine kept for the whole jest worker by test/support/environment.ts (its WebAssembly
 * compiled once), on this key of each test file's global; absent under `npm run test:pg`.
 */
export const PGLITE_ENGINE = '__jalonsPgliteEngine';

export function pgliteEngine(): PgliteEngine {
  return ((globalThis as Record<string, unknown>)[PGLITE_ENGINE] as PgliteEngine | undefined) ?? {};
}
