import type { Knex } from 'knex';
import { hashPassword } from '../src/platform/password';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo-accounts';

/**
 * The demo data set: the Belfort GES case's organisations and one account per role.
 * Idempotent (upserts by natural key), so `npm run seed:demo` can be run again safely.
 * Never in production: refused by the caller.
 */
export async function seed(knex: Knex): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD, 15);
  await knex.transaction(async (trx) => {
    const ids: Record<string, string> = {};
    for (const { key, ...org } of DEMO_ORGANISATIONS) {
      const existing = await trx('organisations').where({ kind: org.kind }).whereRaw('lower(name) = lower(?)', [org.name]).first('id');
      if (existing) {
        ids[key] = String(existing.id);
        continue;
      }
      const [row] = await trx('organisations').insert(org).returning('id');
      ids[key] = String(row.id);
    }
    for (const account of DEMO_ACCOUNTS) {
      await trx('users')
        .insert({
          email: account.email,
          name: account.name,
          role: account.role,
          organisation_id: ids[account.org],
          password_hash: hash,
          status: 'active',
          locale: 'fr',
        })
        .onConflict('email')
        .merge(['name', 'role', 'organisation_id', 'password_hash', 'status']);
    }
    await trx('audit_log').insert({ action: 'demo.seed', entity_type: 'system', details: JSON.stringify({ accounts: DEMO_ACCOUNTS.length }) });
  });
}
