import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { readTogether } from '../platform/read-together';
import { consultationSection } from '../consultations/section';
import { conventionsSection } from '../conventions/section';
import { deliverablesSection } from '../deliverables/section';
import { diagnosticSection } from '../diagnostics/section';
import { noticesSection } from '../notices/section';
import { phasesSection } from '../phases/section';
import { sessionsSection } from '../sessions/section';
import { steeringCommitteeSection } from '../steering-committee/section';
import { workingGroupsSection } from '../working-groups/section';
import { progressReportsSection } from '../progress-reports/section';
import { caseSheetSection } from '../case-sheets/section';
import { closeOutSection } from '../close-out/section';
import { handoffSection } from '../handoffs/section';
import { followUpSection } from '../follow-up/section';
import { envelopesSection } from '../envelopes/section';
import { paymentsSection } from '../payments/section';
import type { Accompaniment } from './queries';
import { tabOf, type SectionId, type TabId } from './tabs';
import type { ReadingSection, Reads, SectionRows } from './reading-section';
import { seesPart } from './withdrawn';

/** `exitDay`: the day the reader's structure left the case (withdrawn.ts exitOf), null for anyone else. */
export type SectionContext = {
  db: Db;
  user: SessionUser;
  acc: Accompaniment;
  canEdit: boolean;
  exitDay: string | null;
};

export type Locals = Record<string, unknown>;

/**
 * The accompaniment page is made of sections, each owned by its area of the domain: the area
 * loads its data (no query in views) and renders its own partial.
 */
export type Section = {
  id: SectionId;
  partial: string;
  load: (ctx: SectionContext) => Promise<Locals | null>;
};

export const SECTIONS: (Section | ReadingSection)[] = [
  phasesSection,
  sessionsSection,
  steeringCommitteeSection,
  workingGroupsSection,
  diagnosticSection,
  consultationSection,
  conventionsSection,
  // The money committed on the operator's envelopes, once the convention is there (issue 20).
  envelopesSection,
  deliverablesSection,
  noticesSection,
  progressReportsSection,
  // Paying the provider follows what was delivered (issue 20).
  paymentsSection,
  // After delivery, in the order things happen: close-out, case sheet, handoff, follow-up.
  closeOutSection,
  caseSheetSection,
  handoffSection,
  followUpSection,
];

/**
 * The sections of one tab, loaded in page order. `pageReads`: the page's own reads (the overview's
 * structures and funding…), sent in the same statement as the sections' reads; their rows are `pageRows`.
 */
export async function loadSections(ctx: SectionContext, tab: TabId, pageReads: Reads = {}) {
  const shown = [];
  for (const s of SECTIONS) {
    if (tabOf(s.id) !== tab) continue;
    // The close-out and what follows it are not there for a structure that left before (withdrawn.ts).
    if (await seesPart(ctx.db, ctx.user, ctx.acc.id, s.id)) shown.push(s);
  }
  const { rows, pageRows } = await readSections(ctx, shown, pageReads);
  const sections = [];
  for (const s of shown) {
    const own = rows.get(s.id);
    const locals = 'reads' in s ? own && (await s.show(ctx, own)) : await s.load(ctx);
    if (locals) sections.push({ id: s.id, partial: s.partial, locals });
  }
  return { sections, pageRows };
}

/** One section on its own (the funder portal shows some): a reading section's reads as one statement. */
export async function loadSection(ctx: SectionContext, s: Section | ReadingSection): Promise<Locals | null> {
  if (!('reads' in s)) return s.load(ctx);
  const reads = s.reads(ctx);
  return reads && s.show(ctx, await readTogether(ctx.db, reads));
}

/**
 * The reads of a tab's reading sections and the page's own in one statement, each section's rows
 * apart (none: it reads nothing). A section's reads are named `<section>.<read>`, the page's as they are.
 */
async function readSections(ctx: SectionContext, sections: (Section | ReadingSection)[], pageReads: Reads) {
  const reads: Reads = { ...pageReads };
  const reading: SectionId[] = [];
  for (const s of sections) {
    const own = 'reads' in s ? s.reads(ctx) : null;
    if (!own) continue;
    reading.push(s.id);
    for (const [name, read] of Object.entries(own)) reads[`${s.id}.${name}`] = read;
  }
  const all: SectionRows = await readTogether(ctx.db, reads);
  const rows = new Map<SectionId, SectionRows>(reading.map((id) => [id, {}]));
  const pageRows: SectionRows = {};
  for (const [key, list] of Object.entries(all)) {
    if (!key.includes('.')) {
      pageRows[key] = list;
      continue;
    }
    const [id, name] = key.split('.') as [SectionId, string];
    rows.get(id)![name] = list;
  }
  return { rows, pageRows };
}
