import type { Knex } from 'knex';

/**
 * Two things the coordinator's home looks for are rare: a comité d'appui item still without an
 * opinion (68 of 29 878 on the bench's national data set) and a handoff not yet acknowledged by its
 * relay (98 of 4 746). Partial indexes hold only those rows:
 * - « À faire » (src/home/todo.ts) looks up, for each of the operator's meetings held or due, its items
 *   without an opinion: each lookup used to read every item of the meeting from the table to find none
 *   (the home's to-do read: 4.6 → 3.3 M instructions of PostgreSQL);
 * - « Passations en attente » (src/handoffs/queries.ts) starts from the handoffs waiting for their
 *   acknowledgement instead of looking up every case of the operator (1.5 → 1.0 M instructions).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'create index support_committee_items_awaiting_opinion_idx on support_committee_items (meeting_id) where opinion is null',
  );
  await knex.raw(
    'create index handoffs_unacknowledged_idx on handoffs (accompaniment_id) where acknowledged_at is null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index handoffs_unacknowledged_idx');
  await knex.raw('drop index support_committee_items_awaiting_opinion_idx');
}
