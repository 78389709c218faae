import type { Knex } from 'knex';
import { DEFAULT_CLAUSES } from '../src/conventions/template';

/**
 * The operator's convention template (src/conventions/template.ts): its clauses (title + text with
 * placeholders), each save a new version, never overwritten. Every operator gets Jalons' default
 * template as its version 1 (created_by null); an operator created later gets it the first time it
 * is needed (ensureTemplate). A convention version records the template version it was drawn from
 * and its content as drawn (parties with their representatives, the clauses filled in), so an older
 * version prints with its own clauses after the template changed. Versions issued before keep null
 * (their PDF is stored; they have no Word twin).
 *
 * Also the days planned for each phase (the convention's per-phase days and price).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('convention_template_versions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('operator_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.jsonb('clauses').notNullable();
    t.bigInteger('created_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['operator_id', 'version']);
  });
  await knex.raw(
    `insert into convention_template_versions (operator_id, version, clauses)
     select id, 1, ?::jsonb from organisations where kind = 'operator'`,
    [JSON.stringify(DEFAULT_CLAUSES)],
  );
  await knex.schema.alterTable('conventions', (t) => {
    t.bigInteger('template_version_id').references('convention_template_versions.id');
    t.jsonb('content');
  });
  await knex.schema.alterTable('phases', (t) => {
    t.decimal('planned_days', 6, 2);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('phases', (t) => t.dropColumn('planned_days'));
  await knex.schema.alterTable('conventions', (t) => {
    t.dropColumn('content');
    t.dropColumn('template_version_id');
  });
  await knex.schema.dropTable('convention_template_versions');
}
