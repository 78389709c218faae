import type { Knex } from 'knex';

// The case sheet (fiche retour) of an accompaniment: what only the coordinator can say at
// close-out (context, results, success factors, risks, advice, roles), one item per array
// element. Everything else on the sheet (structures, days, budget, dates, withdrawals) is read
// from the record when the sheet is generated, never copied here.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_sheets', (t) => {
    t.bigInteger('accompaniment_id').primary().references('accompaniments.id').onDelete('CASCADE');
    for (const list of ['context', 'prior_links', 'results', 'success_factors', 'risks', 'advice']) {
      t.specificType(list, 'text[]').notNullable().defaultTo('{}');
    }
    t.text('provider_role');
    t.text('network_role');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.bigInteger('updated_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Quotes of the people interviewed. Only a quote whose consent date is recorded is ever printed;
  // the column stays nullable so that a consent can be withdrawn without losing the record of it.
  await knex.schema.createTable('case_sheet_quotes', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('person_name').notNullable();
    t.text('person_role');
    t.text('text').notNullable();
    t.date('consent_on');
    t.bigInteger('consent_recorded_by').references('users.id');
    t.integer('position').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE case_sheet_quotes
    ADD CONSTRAINT case_sheet_quotes_text_check CHECK (length(trim(text)) > 0 AND length(trim(person_name)) > 0),
    ADD CONSTRAINT case_sheet_quotes_consent_check CHECK (consent_on IS NULL OR consent_recorded_by IS NOT NULL)`);
  await knex.raw('CREATE INDEX case_sheet_quotes_acc_idx ON case_sheet_quotes (accompaniment_id, position, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_sheet_quotes');
  await knex.schema.dropTable('case_sheets');
}
