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

export type SectionContext = { db: Db; user: SessionUser; acc: Accompaniment; canEdit: boolean };

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

/** The sections of one tab, loaded in page order. */
export async function loadSections(ctx: SectionContext, tab: TabId) {
  const shown = [];
  for (const s of SECTIONS) {
    if (tabOf(s.id) !== tab) continue;
    // The close-out and what follows it are not there for a structure that left before (withdrawn.ts).
    if (await seesPart(ctx.db, ctx.user, ctx.acc.id, s.id)) shown.push(s);
  }
  const rows = await readSections(ctx, shown);
  const loaded = [];
  for (const s of shown) {
    const own = rows.get(s.id);
    const locals = 'reads' in s ? own && (await s.show(ctx, own)) : await s.load(ctx);
    if (locals) loaded.push({ id: s.id, partial: s.partial, locals });
  }
  return loaded;
}

/** The reads of a tab's reading sections in one statement, each section's rows apart (none: it reads nothing). */
async function readSections(ctx: SectionContext, sections: (Section | ReadingSection)[]) {
  const reads: Reads = {};
  const reading: SectionId[] = [];
  for (const s of sections) {
    const own = 'reads' in s ? s.reads(ctx) : null;
    if (!own) continue;
    reading.push(s.id);
    for (const [name, read] of Object.entries(own)) reads[`${s.id}.${name}`] = read;
  }
  const all: SectionRows = reading.length ? await readTogether(ctx.db, reads) : {};
  const rows = new Map<SectionId, SectionRows>(reading.map((id) => [id, {}]));
  for (const [key, list] of Object.entries(all)) {
    const [id, name] = key.split('.') as [SectionId, string];
    rows.get(id)![name] = list;
  }
  return rows;
}
