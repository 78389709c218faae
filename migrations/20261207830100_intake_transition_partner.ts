import type { Knex } from 'knex';

/**
 * The partner a request was oriented to, kept in its transition log: reopening a mistaken orientation
 * clears the request's outcome, and the log must still say to whom the structure had been sent.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('intake_request_transitions', (t) => {
    t.text('partner');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('intake_request_transitions', (t) => {
    t.dropColumn('partner');
  });
}
