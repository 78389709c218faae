import type { Knex } from 'knex';

// Portfolio indicators select accompaniments by intake date (per operator, or nationally for
// admins and funders) and read each case's lifecycle dates from its transitions by state.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX accompaniments_operator_intake_idx ON accompaniments (operator_id, intake_on)');
  await knex.raw('CREATE INDEX accompaniments_intake_idx ON accompaniments (intake_on)');
  await knex.raw(
    'CREATE INDEX transitions_acc_state_idx ON accompaniment_transitions (accompaniment_id, to_state, on_date)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX transitions_acc_state_idx');
  await knex.raw('DROP INDEX accompaniments_intake_idx');
  await knex.raw('DROP INDEX accompaniments_operator_intake_idx');
}
