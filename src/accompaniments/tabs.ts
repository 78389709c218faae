/**
 * The accompaniment page is split into tabs, one per stage of the work, so that opening a case
 * loads only what that stage shows (the whole page was about 45 queries; see BENCHMARKS.md).
 * Each section of the page belongs to exactly one tab; links and redirects to a section go
 * through `caseUrl`, which knows the tab.
 */
export const TABS = ['overview', 'framing', 'delivery', 'outputs', 'closing'] as const;
export type TabId = (typeof TABS)[number];

/** Where each section of the case lives. Sections outside the registry (identity…) sit in the overview. */
const SECTION_TAB = {
  identity: 'overview',
  beneficiaries: 'overview',
  funding: 'overview',
  phases: 'overview',
  diagnostic: 'framing',
  consultation: 'framing',
  conventions: 'framing',
  envelopes: 'framing',
  sessions: 'delivery',
  'steering-committee': 'delivery',
  'working-groups': 'delivery',
  deliverables: 'outputs',
  notices: 'outputs',
  'progress-reports': 'outputs',
  payments: 'outputs',
  'close-out': 'closing',
  'case-sheet': 'closing',
  handoffs: 'closing',
  'follow-up': 'closing',
} as const satisfies Record<string, TabId>;

export type SectionId = keyof typeof SECTION_TAB;

export function tabOf(section: SectionId): TabId {
  return SECTION_TAB[section];
}

/** The tab a request asks for; anything unknown opens the overview rather than an error. */
export function parseTab(value: unknown): TabId {
  return TABS.find((t) => t === value) ?? 'overview';
}

/** The address of a tab of the case. */
export function tabUrl(accId: string | number, tab: TabId): string {
  return tab === 'overview' ? `/accompaniments/${accId}` : `/accompaniments/${accId}?tab=${tab}`;
}

/** The address of a section of the case: its tab, scrolled to the section. */
export function caseUrl(accId: string | number, section?: SectionId): string {
  if (!section) return `/accompaniments/${accId}`;
  return `${tabUrl(accId, tabOf(section))}#${section}`;
}

/** Section → tab, for the browser: an old link to `/accompaniments/1#notices` finds its tab. */
export const SECTION_TABS_JSON = JSON.stringify(SECTION_TAB);
