import type { Knex } from 'knex';

// Login and password-reset throttling counters (rate-limiter-flexible's PostgreSQL store), so that
// every Jalons process on the same database counts the same attempts. The library would create
// this table itself at runtime; it is created here instead, with the layout it expects
// (key, points, expire in epoch milliseconds), and the application never issues DDL.
// key is text rather than the library's varchar(255): the caller bounds its length.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rate_limits', (t) => {
    t.text('key').primary();
    t.integer('points').notNullable().defaultTo(0);
    t.bigInteger('expire');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('rate_limits');
}
