import type { Knex } from 'knex';
import { installActivityTriggers } from '../src/accompaniments/activity-triggers';

/**
 * The rules kept by triggers on a case (last activity, milestone dates) now live in
 * src/accompaniments/activity-triggers.ts, with a comment per rule; this installs them from there.
 * Same behaviour as migrations/20261204001000_stored_activity.ts and 20261204001100_case_milestones.ts
 * (CREATE OR REPLACE of the same functions and triggers).
 */
export async function up(knex: Knex): Promise<void> {
  await installActivityTriggers(knex);
}

/** Nothing to undo: the definitions installed are the ones the two earlier migrations created. */
export async function down(): Promise<void> {}
