import type { Db, Trx } from '../platform/db';
import type { CaseSheetInput, QuoteInput, SheetDate } from './schemas';
import { currentVersion, saveAtVersion } from '../platform/locking';
import type { Id } from '../platform/id';
import type { CaseSheetsRow } from '../platform/db-tables';

export type CaseSheetFields = CaseSheetInput & { lock_version: number; updated_at: Date | null };

export type Quote = {
  id: string;
  person_name: string;
  person_role: string | null;
  text: string;
  consent_on: string | null;
  consent_recorded_by_name: string | null;
};

/** The fields while nothing was saved yet. */
const EMPTY_FIELDS: CaseSheetFields = {
  context: [],
  prior_links: [],
  results: [],
  success_factors: [],
  risks: [],
  advice: [],
  contributions: [],
  footnotes: [],
  tag_line: null,
  summary: null,
  definition_title: null,
  definition_text: null,
  definition_source: null,
  provider_role: null,
  network_role: null,
  sources: null,
  lock_version: 0,
  updated_at: null,
};

/** The recorded fields, or empty ones (lock_version 0) while nothing was saved yet. */
export async function loadCaseSheetFields(db: Db | Trx, accompanimentId: string): Promise<CaseSheetFields> {
  return fieldsOf(
    await db('case_sheets').where({ accompaniment_id: accompanimentId }).first<CaseSheetsRow | undefined>(),
  );
}

/** The fields of a `case_sheets` row, however it was read; no row reads as the empty fields. */
export function fieldsOf(row: CaseSheetFields | undefined): CaseSheetFields {
  if (!row) return { ...EMPTY_FIELDS };
  return {
    context: row.context,
    prior_links: row.prior_links,
    results: row.results,
    success_factors: row.success_factors,
    risks: row.risks,
    advice: row.advice,
    contributions: row.contributions ?? [],
    footnotes: row.footnotes ?? [],
    tag_line: row.tag_line ?? null,
    summary: row.summary ?? null,
    definition_title: row.definition_title ?? null,
    definition_text: row.definition_text ?? null,
    definition_source: row.definition_source ?? null,
    provider_role: row.provider_role,
    network_role: row.network_role,
    sources: row.sources ?? null,
    lock_version: row.lock_version,
    updated_at: row.updated_at,
  };
}

/**
 * Optimistic locking: the save applies only to the version the user was editing. Version 0 is
 * "nothing saved yet": the first save inserts, and loses against a colleague's first save.
 * `dates` (the sheet's dated steps) replace the recorded ones, in order, when the form sent them.
 */
export async function saveCaseSheet(
  trx: Trx,
  accompanimentId: string,
  lockVersion: number,
  input: CaseSheetInput,
  dates: SheetDate[] | null,
  userId: string,
) {
  const values = { ...input, updated_by: userId, updated_at: trx.fn.now() };
  const ok = await saveAtVersion(trx, 'case_sheets', { accompaniment_id: accompanimentId }, lockVersion, values, {
    insertIfNew: true,
  });
  if (ok && dates) {
    await trx('case_sheet_dates').where({ accompaniment_id: accompanimentId }).delete();
    if (dates.length)
      await trx('case_sheet_dates').insert(
        dates.map((d, i) => ({ accompaniment_id: accompanimentId, position: i + 1, ...d })),
      );
  }
  return ok;
}

/** The sheet's recorded dated steps, in their order. */
export function listSheetDates(db: Db | Trx, accompanimentId: string): Promise<SheetDate[]> {
  return db('case_sheet_dates')
    .where({ accompaniment_id: accompanimentId })
    .orderBy([{ column: 'position' }, { column: 'id' }])
    .select('kind', 'actor', 'label', 'on_date', 'on_date_precision', 'end_date', 'end_date_precision', 'source');
}

export const currentLockVersion = (db: Db, accompanimentId: string) =>
  currentVersion(db, 'case_sheets', { accompaniment_id: accompanimentId });

/** Quotes in the order they were added; `consentedOnly` is what any printed sheet uses. */
export function listQuotes(db: Db | Trx, accompanimentId: string, consentedOnly: boolean): Promise<Quote[]> {
  return db('case_sheet_quotes as q')
    .leftJoin('users as u', 'u.id', 'q.consent_recorded_by')
    .where('q.accompaniment_id', accompanimentId)
    .modify((q) => {
      if (consentedOnly) q.whereNotNull('q.consent_on');
    })
    .orderBy([{ column: 'q.position' }, { column: 'q.id' }])
    .select('q.id', 'q.person_name', 'q.person_role', 'q.text', 'q.consent_on', 'u.name as consent_recorded_by_name');
}

export async function insertQuote(trx: Trx, accompanimentId: string, input: QuoteInput, userId: string) {
  const last = await trx('case_sheet_quotes')
    .where({ accompaniment_id: accompanimentId })
    .max({ p: 'position' })
    .first();
  const [row] = await trx('case_sheet_quotes')
    .insert({
      accompaniment_id: accompanimentId,
      ...input,
      consent_recorded_by: userId,
      position: Number(last?.p ?? 0) + 1,
    })
    .returning<{ id: Id }[]>('id');
  return row.id;
}

/** The quote with its accompaniment, to load the case through the user's scope first. */
export function findQuote(db: Db, id: string) {
  return db('case_sheet_quotes')
    .where({ id })
    .first<{ id: string; accompaniment_id: string; person_name: string } | undefined>(
      'id',
      'accompaniment_id',
      'person_name',
    );
}
