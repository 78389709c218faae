import { tabOf, tabUrl, type SectionId } from '../../src/accompaniments/tabs';

/**
 * The accompaniment page shows one tab at a time: a test reads the tab that holds the section
 * it looks at (an assertion that something is absent must read that same tab, or it proves nothing).
 */
export function caseTabUrl(accId: string | number, section: SectionId): string {
  return tabUrl(accId, tabOf(section));
}

export function getCaseTab<T>(agent: { get: (url: string) => T }, accId: string | number, section: SectionId): T {
  return agent.get(caseTabUrl(accId, section));
}
