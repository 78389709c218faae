import type { Knex } from 'knex';
import type { Id } from '../src/platform/id';
import { hashPassword } from '../src/platform/password';
import { loadConfig } from '../src/config';
import { createStorage, type Storage } from '../src/platform/storage';
import { seedBelfort, seedBelfortWithdrawal, seedOtherCases } from './belfort';
import { seedBelfortActionPlan, seedBelfortConvention, seedBelfortProgressReport } from './belfort-documents';
import { seedBelfortCaseSheet } from './belfort-case-sheet';
import { seedBelfortCommittee } from './belfort-committee';
import { seedBelfortCloseOut } from './belfort-close-out';
import { seedBelfortFollowUp } from './belfort-follow-up';
import { seedBelfortHandoff } from './belfort-handoff';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo-accounts';
import { findOrCreateOrganisation } from './organisations';
import { seedOperatorYear } from './operator-year';
import { seedBelfortPathways, seedDemoPathways } from './pathways';

/**
 * The demo data set: the Belfort GES case with its organisations, one account per role, and a
 * few smaller fictional cases. Idempotent (found by natural keys), so `npm run seed:demo` can be
 * run again safely. Never in production: refused by the callers. `storage` holds the generated
 * documents' files (by default STORAGE_DIR's). `passwordCost` is the accounts' hash cost
 * (production's by default; the tests' template uses the tests' cheaper cost).
 */
export async function seed(knex: Knex, opts: { storage?: Storage; passwordCost?: number } = {}): Promise<void> {
  // The documents' files (convention, scan, action plan, report PDF) go where Jalons keeps uploads.
  const storage = opts.storage ?? createStorage(loadConfig());
  const hash = await hashPassword(DEMO_PASSWORD, opts.passwordCost ?? 15);
  await knex.transaction(async (trx) => {
    const org: Record<string, string> = {};
    for (const { key, ...o } of DEMO_ORGANISATIONS) {
      org[key] = await findOrCreateOrganisation(trx, o);
      if (o.kind === 'structure') org[o.name] = org[key];
    }
    const users: Record<string, string> = {};
    for (const account of DEMO_ACCOUNTS) {
      const [row] = await trx('users')
        .insert({
          email: account.email,
          name: account.name,
          role: account.role,
          organisation_id: org[account.org],
          password_hash: hash,
          status: 'active',
          locale: 'fr',
        })
        .onConflict('email')
        .merge(['name', 'role', 'organisation_id', 'password_hash', 'status'])
        .returning<{ id: Id }[]>('id');
      users[account.email] = row.id;
    }
    const belfortId = await seedBelfort(trx, org, users);
    // The convention of January 2016, signed by the four structures, then Chamois' exit of November 2016.
    await seedBelfortConvention(trx, storage, belfortId, users);
    await seedBelfortWithdrawal(trx, belfortId, org, users);
    await seedBelfortProgressReport(trx, storage, belfortId, users);
    await seedBelfortActionPlan(trx, storage, belfortId, org, users);
    // After delivery: close-out, case sheet, handoff to the regional relay, follow-up.
    await seedBelfortCloseOut(trx, belfortId, org, users);
    await seedBelfortCaseSheet(trx, belfortId, org, users);
    await seedBelfortHandoff(trx, belfortId, org, users);
    await seedBelfortFollowUp(trx, belfortId, org, users);
    // The DLA parcours (issue 19): Belfort's four, then the fictional ones (before the cases that join them).
    await seedBelfortPathways(trx, belfortId, org, users);
    await seedDemoPathways(trx, org, users);
    // MIFE 90's comité d'appui (after the parcours it reviews): its favourable opinion on the collective
    // diagnostic, before the consultation.
    await seedBelfortCommittee(trx, belfortId, org, users);
    await seedOtherCases(trx, org, users);
    // The operator's year (issue 20): envelopes, orders, invoices and payments, the provider base, headcounts.
    await seedOperatorYear(trx, storage, belfortId, org, users);
    await trx('audit_log').insert({
      action: 'demo.seed',
      entity_type: 'system',
      details: JSON.stringify({ accounts: DEMO_ACCOUNTS.length }),
    });
  });
}
