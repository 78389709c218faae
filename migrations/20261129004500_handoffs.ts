import type { Knex } from 'knex';

// The handoff of an accompaniment's follow-up to a relay (a regional network's organisation):
// at most one per accompaniment. The relay's users see exactly the accompaniments handed to their
// organisation (src/accompaniments/scope.ts). The package (summary, management committee,
// workstreams, key dates) is recorded here; the live parts (beneficiaries, contacts, open actions,
// consented documents) are read from the record when it is shown.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('handoffs', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().unique().references('accompaniments.id').onDelete('CASCADE');
    t.bigInteger('relay_id').notNullable().references('organisations.id');
    t.text('summary').notNullable();
    t.text('management_committee');
    t.specificType('workstreams', 'text[]').notNullable().defaultTo('{}');
    t.date('handed_off_on').notNullable();
    t.bigInteger('handed_off_by').references('users.id');
    t.timestamp('acknowledged_at', { useTz: true });
    t.bigInteger('acknowledged_by').references('users.id');
    t.timestamp('last_reminded_at', { useTz: true });
    t.integer('reminder_count').notNullable().defaultTo(0);
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE handoffs ADD CONSTRAINT handoffs_summary_check CHECK (length(trim(summary)) > 0)`);
  await knex.raw('CREATE INDEX handoffs_relay_idx ON handoffs (relay_id)');

  // The relay users the coordinator named for this handoff (they receive the mails).
  await knex.schema.createTable('handoff_members', (t) => {
    t.bigInteger('handoff_id').notNullable().references('handoffs.id').onDelete('CASCADE');
    t.bigInteger('user_id').notNullable().references('users.id');
    t.primary(['handoff_id', 'user_id']);
  });

  // Target dates the structures carry on after the DLA (support association in 2017, go-live…).
  await knex.schema.createTable('handoff_key_dates', (t) => {
    t.bigIncrements('id');
    t.bigInteger('handoff_id').notNullable().references('handoffs.id').onDelete('CASCADE');
    t.date('on_date').notNullable();
    t.boolean('approximate').notNullable().defaultTo(false);
    t.text('label').notNullable();
  });
  await knex.raw('CREATE INDEX handoff_key_dates_idx ON handoff_key_dates (handoff_id, on_date)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('handoff_key_dates');
  await knex.schema.dropTable('handoff_members');
  await knex.schema.dropTable('handoffs');
}
