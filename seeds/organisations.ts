import type { Knex } from 'knex';

/** Seeds are idempotent: an organisation is found by kind and name (case-insensitive) before being created. */
export async function findOrCreateOrganisation(
  trx: Knex.Transaction,
  org: { kind: string; name: string } & Record<string, unknown>,
) {
  const existing = await trx('organisations')
    .where({ kind: org.kind })
    .whereRaw('lower(name) = lower(?)', [org.name])
    .first('id');
  if (existing) return String(existing.id);
  const [row] = await trx('organisations').insert(org).returning('id');
  return String(row.id);
}
