import type { Knex } from 'knex';

export const PAGE_SIZE = 50;

export type Page<T> = { rows: T[]; page: number; pages: number; total: number };

export function pageNumber(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/**
 * Runs a filtered query for one page with its total count, in one statement: the count is an
 * uncorrelated subquery of the page's select, computed once (a second round trip cost the lists
 * more Node time than counting). `decorate` wraps the page's rows only (not the count): columns
 * that are costly per row are then computed for one page, not for every row in scope.
 */
export async function paginate<T>(
  query: Knex.QueryBuilder,
  page: number,
  size = PAGE_SIZE,
  decorate?: (pageRows: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<Page<T>> {
  const { rows, count } = pageQuery(query, page, size, decorate);
  const found = (await rows) as WithTotal<T>[];
  // A page past the end has no row to carry the count, which is then asked for alone (rare: a
  // link from a list that got shorter).
  const total = !found.length && page > 1 ? Number((await count)[0].count) : undefined;
  return pageOf<T>(found, page, size, total);
}

/** The statement of paginate for one page, to send alone or with other reads (`readTogether`). */
export function pageQuery(
  query: Knex.QueryBuilder,
  page: number,
  size: number,
  decorate?: (pageRows: Knex.QueryBuilder) => Knex.QueryBuilder,
) {
  const count = query.clone().clearSelect().clearOrder().count<{ count: string }[]>('* as count');
  const pageRows = query
    .limit(size)
    .offset((page - 1) * size)
    .select(count.clone().as(TOTAL));
  return { rows: decorate ? decorate(pageRows) : pageRows, count };
}

/** The page from the rows of `pageQuery`; an empty page counts 0 unless its total was asked for alone. */
export function pageOf<T>(rows: WithTotal<T>[], page: number, size: number, total?: number): Page<T> {
  const counted = total ?? (rows.length ? Number(rows[0][TOTAL]) : 0);
  for (const r of rows) delete (r as Partial<WithTotal<T>>)[TOTAL];
  return { rows: rows, page, pages: Math.max(1, Math.ceil(counted / size)), total: counted };
}

/** The column of `pageQuery`'s rows that carries the total (a count: a bigint, as text). */
export const TOTAL = 'pagination_total';
export type WithTotal<T> = T & { [TOTAL]: string };

/** Query string of the current filters, for pagination links. */
export function filterQuery(filters: Record<string, unknown>, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters))
    if (v !== undefined && v !== null && v !== '') params.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}
