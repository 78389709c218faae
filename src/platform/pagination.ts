import type { Knex } from 'knex';

export const PAGE_SIZE = 50;

export type Page<T> = { rows: T[]; page: number; pages: number; total: number };

export function pageNumber(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/**
 * Runs a filtered query for one page plus its total count. `decorate` wraps the page's rows only
 * (not the count): columns that are costly per row are then computed for one page, not for
 * every row in scope.
 */
export async function paginate<T>(
  query: Knex.QueryBuilder,
  page: number,
  size = PAGE_SIZE,
  decorate?: (pageRows: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<Page<T>> {
  const countQuery = query.clone().clearSelect().clearOrder().count<{ count: string }[]>('* as count');
  const pageRows = query.limit(size).offset((page - 1) * size);
  const [rows, [{ count }]] = await Promise.all([decorate ? decorate(pageRows) : pageRows, countQuery]);
  const total = Number(count);
  return { rows: rows as T[], page, pages: Math.max(1, Math.ceil(total / size)), total };
}

/** Query string of the current filters, for pagination links. */
export function filterQuery(filters: Record<string, unknown>, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}
