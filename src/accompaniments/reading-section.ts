import type { Read, RowsOf } from '../platform/read-together';
import type { Locals, SectionContext } from './sections';
import type { SectionId } from './tabs';

export type Reads = Record<string, Read<never>>;
export type SectionRows = Record<string, unknown[]>;

/**
 * A section that names its reads (`reads`, null when the reader sees nothing of it) and shows their
 * rows (`show`): the reads of every such section of a tab go to PostgreSQL as ONE statement
 * (readTogether), as on the overview. Each statement costs the web process more than these reads.
 */
export type ReadingSection = {
  id: SectionId;
  partial: string;
  reads: (ctx: SectionContext) => Reads | null;
  show: (ctx: SectionContext, rows: SectionRows) => Promise<Locals | null> | Locals | null;
};

/** A reading section whose `show` gets the rows of its own reads, typed. */
export function readingSection<R extends Reads>(s: {
  id: SectionId;
  partial: string;
  reads: (ctx: SectionContext) => R | null;
  show: (ctx: SectionContext, rows: RowsOf<R>) => Promise<Locals | null> | Locals | null;
}): ReadingSection {
  // The rows given to show are those of the reads the same section named (loadSections).
  return { ...s, show: (ctx, rows) => s.show(ctx, rows as RowsOf<R>) };
}
