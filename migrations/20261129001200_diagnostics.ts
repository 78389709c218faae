import type { Knex } from 'knex';

// The shared diagnostic: written by the coordinator with the structures, validated by each of them.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('diagnostics', (t) => {
    t.bigInteger('accompaniment_id').primary().references('accompaniments.id').onDelete('CASCADE');
    t.text('findings');
    t.text('context');
    t.text('recommendations');
    t.decimal('days', 5, 2);
    t.date('written_on');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE diagnostics ADD CONSTRAINT diagnostics_days_check CHECK (days IS NULL OR days >= 0)');

  await knex.schema.createTable('diagnostic_objectives', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('theme').notNullable();
    t.text('aim').notNullable();
    t.integer('position').notNullable();
  });
  await knex.raw('CREATE INDEX diagnostic_objectives_acc_idx ON diagnostic_objectives (accompaniment_id, position)');

  await knex.schema.createTable('diagnostic_validations', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    t.date('validated_on').notNullable();
    t.text('validated_by_name').notNullable();
    t.bigInteger('recorded_by').references('users.id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['accompaniment_id', 'organisation_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('diagnostic_validations');
  await knex.schema.dropTable('diagnostic_objectives');
  await knex.schema.dropTable('diagnostics');
}
