/**
 * The national lists (reference_items): themes, sectors, legal forms and action types, each item a
 * stable code (what rows store) with a French and an English label (what screens show). They are
 * Jalons' lists, adaptable by an admin on /settings/lists (commands.ts), not an official nomenclature
 * (migrations/20261207920100_reference_lists_seed.ts). Codes never change; a deactivated item is no
 * longer offered by forms but stays readable on the records that hold it.
 *
 * Readers: `listItems` for one list, `listOptions` for a form's selects (several lists in one query),
 * `listLabels` to show stored codes, `labelOf` for one item in the reader's language.
 */
import type { Db, Trx } from '../platform/db';
import type { ReferenceItemsRow } from '../platform/db-tables';
import type { Locale } from '../platform/i18n';

export const LIST_NAMES = ['theme', 'sector', 'legal_form', 'action_type'] as const;
export type ListName = (typeof LIST_NAMES)[number];

export const isListName = (v: unknown): v is ListName => (LIST_NAMES as readonly unknown[]).includes(v);

export type ReferenceItem = Pick<ReferenceItemsRow, 'code' | 'label_fr' | 'label_en' | 'position' | 'active'> & {
  list: ListName;
};

/**
 * A form's option: the code, its label in the reader's language; `inactive` when a deactivated item is kept
 * only because a record holds it; `free` for a held value that is no code of the list (shown as stored).
 */
export type ListOption = { value: string; label: string; inactive: boolean; free?: true };

const COLUMNS = ['list', 'code', 'label_fr', 'label_en', 'position', 'active'] as const;
const ORDER = [{ column: 'position' }, { column: 'label_fr' }, { column: 'code' }];

/** An item's label in the reader's language. */
export const labelOf = (item: Pick<ReferenceItem, 'label_fr' | 'label_en'>, locale: Locale) =>
  locale === 'en' ? item.label_en : item.label_fr;

/** One list's items in their order; `activeOnly` leaves out the deactivated ones (what forms offer). */
export function listItems(db: Db | Trx, list: ListName, opts: { activeOnly?: boolean } = {}) {
  const q = db('reference_items').where({ list }).orderBy(ORDER).select<ReferenceItem[]>(COLUMNS);
  if (opts.activeOnly) q.where({ active: true });
  return q;
}

/** One item of a list, active or not; undefined when there is none. */
export function findItem(db: Db | Trx, list: ListName, code: string) {
  return db('reference_items').where({ list, code }).first<ReferenceItem | undefined>(COLUMNS);
}

/**
 * Options for a form's selects or checkboxes, for several lists in one query: the active items, plus
 * what a record being edited still holds (`keep`: a deactivated code, or free text typed before the
 * lists), so that saving it does not lose them.
 */
export async function listOptions<L extends ListName>(
  db: Db | Trx,
  lists: readonly L[],
  locale: Locale,
  keep: Partial<Record<L, readonly (string | null | undefined)[]>> = {},
): Promise<Record<L, ListOption[]>> {
  const rows = await db('reference_items').whereIn('list', lists).orderBy(ORDER).select<ReferenceItem[]>(COLUMNS);
  const out = Object.fromEntries(lists.map((l) => [l, [] as ListOption[]])) as Record<L, ListOption[]>;
  for (const r of rows) {
    const list = r.list as L;
    if (r.active || (keep[list] ?? []).includes(r.code)) {
      out[list].push({ value: r.code, label: labelOf(r, locale), inactive: !r.active });
    }
  }
  // A kept value that is no code of the list (free text typed before the lists) is offered as it reads.
  for (const list of lists)
    for (const v of keep[list] ?? [])
      if (v && !rows.some((r) => r.list === list && r.code === v))
        out[list].push({ value: v, label: v, inactive: false, free: true });
  return out;
}

/**
 * Labels of every item (deactivated ones included) of some lists, by list and code, in the reader's
 * language, to show stored codes; a value that is not a code of the list (free text typed before
 * the lists existed) has no label here and is shown as stored (`labelOrValue`).
 */
export async function listLabels<L extends ListName>(
  db: Db | Trx,
  lists: readonly L[],
  locale: Locale,
): Promise<Record<L, Record<string, string>>> {
  return labelsOf(await labelsQuery(db, lists), lists, locale);
}

export type LabelRow = Pick<ReferenceItem, 'list' | 'code' | 'label_fr' | 'label_en'>;

/** The rows listLabels reads, as a query (a page may send it with its other reads: readTogether). */
export const labelsQuery = (db: Db | Trx, lists: readonly ListName[]) =>
  db('reference_items').whereIn('list', lists).select<LabelRow[]>('list', 'code', 'label_fr', 'label_en');

/** listLabels' result from the rows of labelsQuery. */
export function labelsOf<L extends ListName>(
  rows: readonly LabelRow[],
  lists: readonly L[],
  locale: Locale,
): Record<L, Record<string, string>> {
  // Without a prototype: a stored value such as 'constructor' finds no label, not Object's.
  const out: Record<string, Record<string, string>> = Object.fromEntries(
    lists.map((l) => [l, Object.create(null) as Record<string, string>]),
  );
  for (const r of rows) out[r.list][r.code] = labelOf(r, locale);
  return out;
}

/** A stored value as the reader should see it: its label when it is a code of the list, else as stored. */
export const labelOrValue = (labels: Record<string, string>, value: string) =>
  Object.hasOwn(labels, value) ? labels[value] : value;

/**
 * The values of `codes` a form may not save: not an active code of the list, unless the record
 * already held it (`kept`: a deactivated item stays on the record that has it). Empty when all are fine.
 */
export async function refusedCodes(
  db: Db | Trx,
  list: ListName,
  codes: readonly string[],
  kept: readonly (string | null | undefined)[] = [],
): Promise<string[]> {
  const asked = [...new Set(codes)].filter((c) => !kept.includes(c));
  if (!asked.length) return [];
  const rows = await db('reference_items')
    .where({ list, active: true })
    .whereIn('code', asked)
    .select<{ code: string }[]>('code');
  const ok = new Set(rows.map((r) => r.code));
  return asked.filter((c) => !ok.has(c));
}

/** Every list with all its items (deactivated ones too), in one query: the admin page. */
export async function allLists(db: Db | Trx): Promise<Record<ListName, ReferenceItem[]>> {
  const rows = await db('reference_items')
    .orderBy([{ column: 'list' }, ...ORDER])
    .select<ReferenceItem[]>(COLUMNS);
  const out = Object.fromEntries(LIST_NAMES.map((l) => [l, [] as ReferenceItem[]])) as Record<
    ListName,
    ReferenceItem[]
  >;
  for (const r of rows) if (isListName(r.list)) out[r.list].push(r);
  return out;
}

/** A form's value that is none of the list's items (nor what the record already held). */
export class ListCodeRefused extends Error {
  readonly key = 'referenceLists.unknownCode' as const;
  constructor(readonly field: string) {
    super('referenceLists.unknownCode');
  }
}

/**
 * The value to store for a select fed by a list: an active code of the list; an item's label typed
 * as such (French or English, any case: its code); or the value the record already held, kept as it
 * is (a deactivated code, or free text typed before the lists). Anything else is refused (ListCodeRefused).
 */
export async function listedValue(
  db: Db | Trx,
  list: ListName,
  field: string,
  value: string | null,
  kept?: string | null,
): Promise<string | null> {
  if (value === null || value === kept) return value;
  const item = await db('reference_items')
    .where({ list, active: true })
    .where((w) =>
      w
        .where('code', value)
        .orWhereRaw('lower(label_fr) = lower(?)', [value])
        .orWhereRaw('lower(label_en) = lower(?)', [value]),
    )
    .orderByRaw('code = ? desc', [value])
    .first<{ code: string } | undefined>('code');
  if (!item) throw new ListCodeRefused(field);
  return item.code;
}

/** Stored values split into the list's codes (deactivated ones too) and the rest (free text), each in order. */
export async function splitByList(db: Db | Trx, list: ListName, values: readonly string[]) {
  if (!values.length) return { listed: [] as string[], free: [] as string[] };
  const codes = new Set(
    (await db('reference_items').where({ list }).whereIn('code', values).select<{ code: string }[]>('code')).map(
      (r) => r.code,
    ),
  );
  return { listed: values.filter((v) => codes.has(v)), free: values.filter((v) => !codes.has(v)) };
}
