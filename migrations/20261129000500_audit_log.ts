import type { Knex } from 'knex';

// Append-only record of every state change: who, what, which record, when, from where.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.bigInteger('actor_id').references('users.id');
    t.text('action').notNullable();
    t.text('entity_type').notNullable();
    t.text('entity_id');
    t.text('ip');
    t.text('request_id');
    t.jsonb('details').notNullable().defaultTo('{}');
  });
  await knex.raw('CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)');
  await knex.raw('CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id)');
  await knex.raw('CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
}
