import type { Knex } from 'knex';

// Every user belongs to one organisation; its kind says which side of an accompaniment it is on.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisations', (t) => {
    t.bigIncrements('id');
    t.text('kind').notNullable();
    t.text('name').notNullable();
    t.text('short_name');
    t.text('siret');
    t.text('department');
    t.text('funder_type');
    t.text('email');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE organisations
      ADD CONSTRAINT organisations_kind_check CHECK (kind IN ('operator','provider','funder','relay','structure')),
      ADD CONSTRAINT organisations_funder_type_check CHECK (
        funder_type IS NULL OR funder_type IN ('state','banque_des_territoires','region','departement','fse','other')),
      ADD CONSTRAINT organisations_siret_check CHECK (siret IS NULL OR siret ~ '^[0-9]{14}$')`);
  await knex.raw('CREATE UNIQUE INDEX organisations_siret_unique ON organisations (siret) WHERE siret IS NOT NULL');
  await knex.raw('CREATE UNIQUE INDEX organisations_kind_name_unique ON organisations (kind, lower(name))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('organisations');
}
