import type { Knex } from 'knex';

// A beneficiary structure is an organisation of kind 'structure' plus what the DLA needs to know
// about it: legal form, SIAE type, headcounts, activities. One row per such organisation.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('structures', (t) => {
    t.bigInteger('organisation_id').primary().references('organisations.id').onDelete('CASCADE');
    t.text('legal_form');
    t.text('siae_type');
    t.boolean('taxable').notNullable().defaultTo(false);
    t.specificType('activities', 'text[]').notNullable().defaultTo('{}');
    t.text('sector');
    t.integer('employees');
    t.integer('employees_in_insertion');
    t.text('address');
    t.text('postcode');
    t.text('city');
    t.specificType('networks', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE structures
      ADD CONSTRAINT structures_siae_type_check CHECK (siae_type IS NULL OR siae_type IN ('ACI','AI','EI','ETTI','EITI')),
      ADD CONSTRAINT structures_employees_check CHECK (employees IS NULL OR employees >= 0),
      ADD CONSTRAINT structures_insertion_check CHECK (
        employees_in_insertion IS NULL OR (employees_in_insertion >= 0 AND (employees IS NULL OR employees_in_insertion <= employees)))`);

  await knex.schema.createTable('structure_contacts', (t) => {
    t.bigIncrements('id');
    t.bigInteger('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('role').notNullable();
    t.text('email');
    t.text('phone');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE structure_contacts ADD CONSTRAINT structure_contacts_role_check
    CHECK (role IN ('director','president','board_member','employee','other'))`);
  await knex.raw('CREATE INDEX structure_contacts_org_idx ON structure_contacts (organisation_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('structure_contacts');
  await knex.schema.dropTable('structures');
}
