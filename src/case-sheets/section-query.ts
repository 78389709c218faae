import type { Db, Rows } from '../platform/db';
import type { CaseSheetsRow } from '../platform/db-tables';
import { fieldsOf, type CaseSheetFields } from './queries';

/*
 * What the case-sheet section reads, in ONE statement instead of two (the recorded fields, and
 * the quotes with a consent, counted): each round trip of the case page costs more Node time than
 * these small reads. The case's row, if any, is read whole and mapped as loadCaseSheetFields maps it.
 */
const SQL = `
select cs.*, (select count(*) from case_sheet_quotes q where q.accompaniment_id = k.acc and q.consent_on is not null)::int as consented_quotes
from (select ?::bigint as acc) k
left join case_sheets cs on cs.accompaniment_id = k.acc`;

/** The case's row, or only nulls when nothing was saved yet (the left join), and its quotes with a consent. */
type SectionRow = (CaseSheetsRow | { accompaniment_id: null }) & { consented_quotes: number };

export async function caseSheetSectionData(
  db: Db,
  accompanimentId: string,
): Promise<{ fields: CaseSheetFields; consentedQuotes: number }> {
  const row = (await db.raw<Rows<SectionRow>>(SQL, [accompanimentId])).rows[0];
  return { fields: fieldsOf(row.accompaniment_id === null ? undefined : row), consentedQuotes: row.consented_quotes };
}
