import type { Knex } from 'knex';

/**
 * The intake register's order (src/intake/queries.ts, LIST_ORDER: the oldest unanswered requests first,
 * then the answered ones, latest first), per operator: the list's page is read from this index in
 * order, 50 rows, instead of every request of the operator fetched and sorted; its count is read from
 * the index alone. The expressions must stay written exactly as the list's ORDER BY writes them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index intake_requests_register_idx on intake_requests
    (operator_id, (status <> 'received'), (case when status = 'received' then received_on end), received_on desc, id desc)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index intake_requests_register_idx');
}
