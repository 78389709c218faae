import type { Db } from '../platform/db';
import { EMPTY_FIELDS, type CaseSheetFields } from './queries';

/*
 * What the case-sheet section reads, in ONE statement instead of two (the recorded fields, and
 * the quotes with a consent, counted): each round trip of the case page costs more Node time than
 * these small reads. The fields keep their column types (arrays, timestamps) as
 * loadCaseSheetFields returns them; no row yet reads as the empty fields (lock_version 0).
 */
const SQL = `
select cs.context, cs.prior_links, cs.results, cs.success_factors, cs.risks, cs.advice, cs.provider_role, cs.network_role,
       cs.lock_version, cs.updated_at,
       (select count(*) from case_sheet_quotes q where q.accompaniment_id = k.acc and q.consent_on is not null)::int as consented_quotes
from (select ?::bigint as acc) k
left join case_sheets cs on cs.accompaniment_id = k.acc`;

type Row = Omit<CaseSheetFields, 'lock_version'> & { lock_version: number | null; consented_quotes: number };

export async function caseSheetSectionData(db: Db, accompanimentId: string): Promise<{ fields: CaseSheetFields; consentedQuotes: number }> {
  const res = await db.raw(SQL, [accompanimentId]);
  const { consented_quotes, ...row } = res.rows[0] as Row;
  const fields: CaseSheetFields = row.lock_version === null ? { ...EMPTY_FIELDS } : { ...row, lock_version: row.lock_version };
  return { fields, consentedQuotes: consented_quotes };
}
