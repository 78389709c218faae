import type { PgliteEngine } from '../../src/platform/db';

/**
 * PGlite's engine kept for the whole jest worker by test/support/environment.ts (its WebAssembly
 * compiled once), on this key of each test file's global; absent under `npm run test:pg`.
 */
export const PGLITE_ENGINE = '__jalonsPgliteEngine';

export function pgliteEngine(): PgliteEngine {
  return ((globalThis as Record<string, unknown>)[PGLITE_ENGINE] as PgliteEngine | undefined) ?? {};
}

/** A data folder's files, read once per jest worker from a template dump (test/support/environment.ts). */
export type TemplateEntry = { path: string; dir: boolean; mode: number; data: Uint8Array | null };
export const PGLITE_TEMPLATES = '__jalonsPgliteTemplates';

/** The files of the template dump `file`, parsed once per worker; undefined outside the jest environment. */
export function templateEntries(file: string): TemplateEntry[] | undefined {
  const read = (globalThis as Record<string, unknown>)[PGLITE_TEMPLATES] as
    ((f: string) => TemplateEntry[]) | undefined;
  return read?.(file);
}
