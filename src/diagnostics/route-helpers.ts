/** What the diagnostic routes share: the case type, the way back to the case page, a string reader. */
import type { loadAccompaniment } from '../accompaniments/load';
import { caseUrl } from '../accompaniments/tabs';

export type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;

export const EMPTY_ROWS = 3;
export const back = (acc: { id: string }) => caseUrl(acc.id, 'diagnostic');
export const str = (v: unknown) => (typeof v === 'string' ? v : '');
