import type { Knex } from 'knex';
import type { Id } from '../src/platform/id';

/** Seeds are idempotent: an organisation is found by kind and name (case-insensitive) before being created. */
export async function findOrCreateOrganisation(
  trx: Knex.Transaction,
  org: { kind: string; name: string } & Record<string, unknown>,
) {
  const existing = await trx('organisations')
    .where({ kind: org.kind })
    .whereRaw('lower(name) = lower(?)', [org.name])
    .first<{ id: Id } | undefined>('id');
  if (existing) return existing.id;
  const [row] = await trx('organisations').insert(org).returning<{ id: Id }[]>('id');
  return row.id;
}
