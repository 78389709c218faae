import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.bigIncrements('id');
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    t.text('email').notNullable();
    t.text('name').notNullable();
    t.text('role').notNullable();
    // Null until the invitation is accepted: an invited user cannot log in.
    t.text('password_hash');
    t.text('status').notNullable().defaultTo('invited');
    t.text('locale').notNullable().defaultTo('fr');
    t.timestamp('last_login_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE users
      ADD CONSTRAINT users_role_check CHECK (role IN ('admin','manager','coordinator','provider','funder','relay','beneficiary')),
      ADD CONSTRAINT users_status_check CHECK (status IN ('invited','active','disabled')),
      ADD CONSTRAINT users_locale_check CHECK (locale IN ('fr','en')),
      ADD CONSTRAINT users_email_lower_check CHECK (email = lower(email))`);
  await knex.raw('CREATE UNIQUE INDEX users_email_unique ON users (email)');
  await knex.raw('CREATE INDEX users_organisation_idx ON users (organisation_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
