import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Waits while the client reads slower than the database answers, so an export never piles up in
 * memory; a client that goes away ends the wait too (then the writer sees `destroyed` and stops).
 */
export async function drained(out: Writable) {
  if (!out.writableNeedDrain || out.destroyed) return;
  await Promise.race([once(out, 'drain'), once(out, 'close')]);
}
