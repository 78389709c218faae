import type { Knex } from 'knex';

// Deliverables of an accompaniment (livrables): expected by the operator, uploaded in versions by
// the selected provider, reviewed by the coordinator. They belong to the beneficiary structures:
// a funder reads their content only with a consent recorded for that deliverable.
// Action plans also carry structured actions: action_items rows tied to the deliverable, hidden
// from the case's open actions (`visible` false) until the coordinator accepts the plan.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('deliverables', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('type').notNullable();
    t.text('title').notNullable();
    t.date('expected_on');
    t.text('status').notNullable().defaultTo('expected');
    t.bigInteger('created_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE deliverables
      ADD CONSTRAINT deliverables_type_check CHECK (type IN ('action_plan','fiscal_diagnosis','strategic_area_analysis','minutes','unifying_text','final_report','other')),
      ADD CONSTRAINT deliverables_status_check CHECK (status IN ('expected','submitted','changes_requested','accepted')),
      ADD CONSTRAINT deliverables_title_check CHECK (length(title) BETWEEN 1 AND 300)`);
  await knex.raw('CREATE INDEX deliverables_acc_idx ON deliverables (accompaniment_id)');

  await knex.schema.createTable('deliverable_versions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('deliverable_id').notNullable().references('deliverables.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.bigInteger('document_id').notNullable().references('documents.id');
    t.text('sha256').notNullable();
    t.bigInteger('uploaded_by').references('users.id');
    t.timestamp('uploaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['deliverable_id', 'version']);
    t.unique(['document_id']);
  });
  await knex.raw(
    `ALTER TABLE deliverable_versions ADD CONSTRAINT deliverable_versions_version_check CHECK (version >= 1)`,
  );

  await knex.schema.createTable('deliverable_comments', (t) => {
    t.bigIncrements('id');
    t.bigInteger('deliverable_id').notNullable().references('deliverables.id').onDelete('CASCADE');
    t.text('decision').notNullable();
    t.text('body');
    t.integer('version');
    t.bigInteger('author_id').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE deliverable_comments ADD CONSTRAINT deliverable_comments_decision_check
    CHECK (decision IN ('accepted','changes_requested'))`);
  await knex.raw(`ALTER TABLE deliverable_comments ADD CONSTRAINT deliverable_comments_body_check
    CHECK (decision <> 'changes_requested' OR length(coalesce(body, '')) > 0)`);

  await knex.schema.createTable('deliverable_consents', (t) => {
    t.bigIncrements('id');
    t.bigInteger('deliverable_id').notNullable().references('deliverables.id').onDelete('CASCADE');
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    t.text('scope').notNullable().defaultTo('funders');
    t.text('signatory_name').notNullable();
    t.date('given_on').notNullable();
    t.bigInteger('given_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['deliverable_id', 'organisation_id', 'scope']);
  });
  await knex.raw(
    `ALTER TABLE deliverable_consents ADD CONSTRAINT deliverable_consents_scope_check CHECK (scope IN ('funders'))`,
  );

  await knex.schema.alterTable('action_items', (t) => {
    t.bigInteger('deliverable_id').references('deliverables.id').onDelete('CASCADE');
    t.boolean('visible').notNullable().defaultTo(true);
  });
  await knex.raw('CREATE INDEX action_items_deliverable_idx ON action_items (deliverable_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('action_items', (t) => {
    t.dropColumn('visible');
    t.dropColumn('deliverable_id');
  });
  for (const table of ['deliverable_consents', 'deliverable_comments', 'deliverable_versions', 'deliverables'])
    await knex.schema.dropTable(table);
}
