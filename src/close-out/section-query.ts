import type { Db } from '../platform/db';
import { readTogether } from '../platform/read-together';
import { checklistFrom, checklistReads } from './checklist';

/**
 * The close-out checklist of the case page in ONE statement instead of six (restitution sessions,
 * final reports, survey board, objectives with results, new needs, case-sheet results): on the
 * case page each round trip costs more Node time than these small reads. The reads are the close-out
 * page's own (checklistReads).
 */
export async function closeOutSectionChecklist(db: Db, accompanimentId: string) {
  return checklistFrom(await readTogether(db, checklistReads(db, accompanimentId)));
}
