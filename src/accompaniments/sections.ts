import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
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
import { seesPart } from './withdrawn';

export type SectionContext = { db: Db; user: SessionUser; acc: Accompaniment; canEdit: boolean };

/**
 * The accompaniment page is made of sections, each owned by its area of the domain: the area
 * loads its data (no query in views) and renders its own partial.
 */
export type Section = {
  id: SectionId;
  partial: string;
  load: (ctx: SectionContext) => Promise<Record<string, unknown> | null>;
};

export const SECTIONS: Section[] = [
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
  const loaded = [];
  for (const s of SECTIONS) {
    if (tabOf(s.id) !== tab) continue;
    // The close-out and what follows it are not there for a structure that left before (withdrawn.ts).
    if (!(await seesPart(ctx.db, ctx.user, ctx.acc.id, s.id))) continue;
    const locals = await s.load(ctx);
    if (locals) loaded.push({ id: s.id, partial: s.partial, locals });
  }
  return loaded;
}
