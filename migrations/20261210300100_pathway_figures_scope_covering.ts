import type { Knex } from 'knex';

/**
 * The parcours figures (src/indicators/pathway-ctes.ts, also read by the annual report) start from an
 * operator's parcours and requests: every parcours of the operator (to keep those active in the period)
 * and its requests received or oriented in it. Both were read through their operator's index and then
 * the table, one heap page per row (operator 1 of the bench: 230 pages for 270 parcours, 126 for its
 * requests). With the columns the figures read held in those same indexes (INCLUDE, no new index to keep
 * up), both are index-only scans. The indexes keep their keys, so every query that used them still does;
 * the parcours' unique (operator, structure) constraint is the same constraint under the same name.
 * On the bench's national data set, operator 1's direction, 2025, the figures' prepared statement
 * (generic plan): 23.26 → 22.41 M instructions of PostgreSQL per execution, 1,636 → 1,521 buffers.
 * A request's partner is at most 200 characters (src/intake/schemas.ts), well under an index row's limit.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table pathways drop constraint pathways_operator_id_organisation_id_unique');
  await knex.raw(`alter table pathways add constraint pathways_operator_id_organisation_id_unique
    unique (operator_id, organisation_id)
    include (id, coordinator_id, intake_request_id, opened_on, diagnosed_on, shared_diagnostic_accompaniment_id, closed_on)`);
  await knex.raw('drop index intake_requests_operator_idx');
  await knex.raw(`create index intake_requests_operator_idx on intake_requests (operator_id, status, received_on)
    include (id, organisation_id, owner_id, outcome_on, outcome_partner)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index intake_requests_operator_idx');
  await knex.raw('create index intake_requests_operator_idx on intake_requests (operator_id, status, received_on)');
  await knex.raw('alter table pathways drop constraint pathways_operator_id_organisation_id_unique');
  await knex.raw(
    'alter table pathways add constraint pathways_operator_id_organisation_id_unique unique (operator_id, organisation_id)',
  );
}
