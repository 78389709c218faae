import { hashPassword } from '../../../src/platform/password';
import type { Db } from '../../../src/platform/db';
import { generateCases, generatePlan } from './cases';
import { generateDocuments } from './documents';
import { generateOperatorYear } from './operator-year';
import { generatePathways } from './pathways';
import { generatePeople } from './people';
import { createRandom, dropRandom, makePlan, resetSequences, type Plan } from './plan';
import { generateSessions } from './sessions';
import { generateStages } from './stages';

export const BENCH_PASSWORD = 'bench-jalons-password';

const COUNTED = [
  'organisations',
  'users',
  'structures',
  'accompaniments',
  'accompaniment_beneficiaries',
  'accompaniment_funding',
  'accompaniment_transitions',
  'phases',
  'sessions',
  'session_attendees',
  'documents',
  'deliverables',
  'progress_reports',
  'intake_requests',
  'pathways',
  'pathway_actions',
  'support_committee_meetings',
  'support_committee_items',
  'funding_envelopes',
  'envelope_commitments',
  'purchase_orders',
  'provider_invoices',
  'payments',
  'provider_profiles',
  'structure_headcounts',
] as const;

export type Generated = { plan: Plan; seconds: number; counts: Record<string, number> };

/**
 * Loads the national data set into an empty, migrated database: set-based SQL only
 * (INSERT … SELECT over generate_series), values drawn from a hash of (seed, row, salt).
 */
export async function generate(
  db: Db,
  seed: number,
  scale: number,
  anchor: string,
  log: (s: string) => void,
): Promise<Generated> {
  const existing = Number((await db.raw('select count(*) as n from organisations')).rows[0].n);
  if (existing > 0) throw new Error('the benchmark generator needs an empty database (organisations already has rows)');
  const plan = makePlan(seed, scale, anchor);
  const started = Date.now();
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t = Date.now();
    await fn();
    log(`  ${name.padEnd(34)} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await createRandom(db, seed);
  await step('organisations, users, structures', () => generatePeople(db, plan, passwordHash));
  await step('case plan', () => generatePlan(db, plan));
  await step('accompaniments and their structures', () => generateCases(db, plan));
  await step('diagnostics … follow-up', () => generateStages(db, plan));
  await step('sessions and attendance', () => generateSessions(db, plan));
  await step('documents, deliverables, reports', () => generateDocuments(db, plan));
  await step('requests, parcours, comité d’appui', () => generatePathways(db, plan));
  await step('envelopes, payments, providers, headcounts', () => generateOperatorYear(db, plan));
  await step('sequences and statistics', async () => {
    await resetSequences(db, [
      'organisations',
      'users',
      'accompaniments',
      'consultation_bids',
      'phases',
      'sessions',
      'handoffs',
      'documents',
      'deliverables',
      'progress_reports',
      'intake_requests',
      'support_committee_meetings',
    ]);
    await db.raw('drop table bench_plan');
    await dropRandom(db);
    await db.raw('vacuum analyze');
  });
  const counts: Record<string, number> = {};
  for (const t of COUNTED) counts[t] = Number((await db.raw(`select count(*) as n from ${t}`)).rows[0].n);
  return { plan, seconds: (Date.now() - started) / 1000, counts };
}
