import type { Db, Trx } from '../platform/db';
import type { CaseSheetInput, QuoteInput } from './schemas';
import { currentVersion, saveAtVersion } from '../platform/locking';
import type { Id } from '../platform/id';

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
  provider_role: null,
  network_role: null,
  lock_version: 0,
  updated_at: null,
};

/** The recorded fields, or empty ones (lock_version 0) while nothing was saved yet. */
export async function loadCaseSheetFields(db: Db | Trx, accompanimentId: string): Promise<CaseSheetFields> {
  return fieldsOf(await db('case_sheets').where({ accompaniment_id: accompanimentId }).first());
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
    provider_role: row.provider_role,
    network_role: row.network_role,
    lock_version: row.lock_version,
    updated_at: row.updated_at,
  };
}

/**
 * Optimistic locking: the save applies only to the version the user was editing. Version 0 is
 * "nothing saved yet": the first save inserts, and loses against a colleague's first save.
 */
export function saveCaseSheet(
  trx: Trx,
  accompanimentId: string,
  lockVersion: number,
  input: CaseSheetInput,
  userId: string,
) {
  const values = { ...input, updated_by: userId, updated_at: trx.fn.now() };
  return saveAtVersion(trx, 'case_sheets', { accompaniment_id: accompanimentId }, lockVersion, values, {
    insertIfNew: true,
  });
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
