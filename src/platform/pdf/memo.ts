import { createHash } from 'node:crypto';

/**
 * Drafts (progress reports) are drawn on the fly from live figures, and drawing costs tens of
 * milliseconds of CPU on the web thread (pdfkit: text measuring and kerning; BENCHMARKS.md).
 * A PDF is a pure function of what it is drawn from, so the same input gives the same document:
 * it is kept here, keyed by a SHA-256 of that input, and drawn again only when the input changed.
 * Nothing can go stale: any change in the record changes the input, hence the key. Bounded in
 * entries and bytes (least recently used first out); per process, nothing shared.
 */
const MAX_ENTRIES = 200;
const MAX_BYTES = 32 * 1024 * 1024;

const entries = new Map<string, Buffer>();
let bytes = 0;

export async function memoPdf(kind: string, input: unknown, draw: () => Promise<Buffer>): Promise<Buffer> {
  const key = createHash('sha256').update(kind).update('\0').update(JSON.stringify(input)).digest('base64url');
  const hit = entries.get(key);
  if (hit) {
    // Map keeps insertion order: re-inserting marks it as the most recently used.
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const pdf = await draw();
  entries.set(key, pdf);
  bytes += pdf.length;
  for (const [k, v] of entries) {
    if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    entries.delete(k);
    bytes -= v.length;
  }
  return pdf;
}

/** For tests: how many documents are kept. */
export const memoSize = () => entries.size;
