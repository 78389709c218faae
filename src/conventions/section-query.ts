import type { Db } from '../platform/db';
import type { SessionUser } from '../platform/auth/session-user';
import { read, type RowsOf } from '../platform/read-together';
import {
  currentConventionQuery,
  latestOverrideQuery,
  partyStandingsQuery,
  type ConventionRow,
  type Override,
} from './queries';

export type { Override } from './queries';

/** withdrawn_on: a structure that left the case since (« sortie le … »), not awaited any more. */
export type PartyStanding = { name: string; signed: boolean; withdrawn_on: string | null };

/**
 * The reads of what the conventions section shows (the version in force, where its parties stand,
 * the latest override), sent with the tab's other sections' as ONE statement
 * (accompaniments/sections.ts): on the case page each round trip costs more Node time than these
 * small reads. The reads are the board's own query builders (queries.ts); a structure that left the
 * case does not see a version issued since that it is no party to (accompaniments/withdrawn.ts).
 */
export function conventionSectionReads(db: Db, accompanimentId: string, reader?: SessionUser) {
  return {
    current: read<ConventionRow>(currentConventionQuery(db, accompanimentId, reader), {
      dates: ['generated_at', 'voided_at'],
      bigints: ['id', 'accompaniment_id', 'document_id', 'generated_by'],
    }),
    parties: read<PartyStanding>(partyStandingsQuery(db, accompanimentId, reader)),
    override: read<Override>(latestOverrideQuery(db, accompanimentId), {
      dates: ['decided_at'],
      bigints: ['id', 'convention_id'],
    }),
  };
}

/** The section's data from the rows of its reads (conventionSectionReads). */
export function conventionSectionData(r: RowsOf<ReturnType<typeof conventionSectionReads>>) {
  return { current: r.current[0] ?? null, parties: r.parties, override: r.override[0] ?? null };
}
