import type { Knex } from 'knex';

// Conventions: each generated version (a PDF stored in `documents`, purpose 'convention', with the
// SHA-256 of those exact bytes), its parties as they were named in that version, the signatures
// collected on it, and the admin overrides that let a case enter delivery before it is fully signed.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('conventions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.bigInteger('document_id').notNullable().references('documents.id');
    t.text('sha256').notNullable();
    t.timestamp('generated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.bigInteger('generated_by').references('users.id');
    t.timestamp('voided_at', { useTz: true });
    t.unique(['accompaniment_id', 'version']);
  });
  await knex.raw(`ALTER TABLE conventions
    ADD CONSTRAINT conventions_version_check CHECK (version > 0),
    ADD CONSTRAINT conventions_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$')`);
  // One current (not voided) version per case at most.
  await knex.raw(
    'CREATE UNIQUE INDEX conventions_one_current ON conventions (accompaniment_id) WHERE voided_at IS NULL',
  );

  // The parties named in a version; how many signatories each needs; when it was last reminded.
  await knex.schema.createTable('convention_parties', (t) => {
    t.bigIncrements('id');
    t.bigInteger('convention_id').notNullable().references('conventions.id').onDelete('CASCADE');
    t.text('party_kind').notNullable();
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    t.text('name').notNullable();
    t.integer('position').notNullable();
    t.integer('signatories_required').notNullable().defaultTo(1);
    t.timestamp('last_reminded_at', { useTz: true });
    t.unique(['convention_id', 'organisation_id']);
  });
  await knex.raw(`ALTER TABLE convention_parties
    ADD CONSTRAINT convention_parties_kind_check CHECK (party_kind IN ('structure','operator','provider')),
    ADD CONSTRAINT convention_parties_required_check CHECK (signatories_required IN (1, 2))`);

  await knex.schema.createTable('convention_signatures', (t) => {
    t.bigIncrements('id');
    t.bigInteger('convention_id').notNullable().references('conventions.id').onDelete('CASCADE');
    t.bigInteger('party_id').notNullable().references('convention_parties.id').onDelete('CASCADE');
    t.text('party_kind').notNullable();
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    t.text('signatory_name').notNullable();
    t.text('capacity').notNullable();
    t.date('signed_on').notNullable();
    t.text('method').notNullable();
    t.bigInteger('scan_document_id').references('documents.id');
    t.bigInteger('user_id').references('users.id');
    t.text('sha256_signed').notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('voided_at', { useTz: true });
  });
  await knex.raw(`ALTER TABLE convention_signatures
    ADD CONSTRAINT convention_signatures_method_check CHECK (method IN ('scan','click')),
    ADD CONSTRAINT convention_signatures_scan_check CHECK (method <> 'scan' OR scan_document_id IS NOT NULL),
    ADD CONSTRAINT convention_signatures_click_check CHECK (method <> 'click' OR user_id IS NOT NULL),
    ADD CONSTRAINT convention_signatures_name_check CHECK (length(trim(signatory_name)) > 0),
    ADD CONSTRAINT convention_signatures_sha_check CHECK (sha256_signed ~ '^[0-9a-f]{64}$')`);
  await knex.raw('CREATE INDEX convention_signatures_conv_idx ON convention_signatures (convention_id, party_id)');

  // An admin's decision to let the case enter delivery before the convention is fully signed.
  await knex.schema.createTable('convention_overrides', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.bigInteger('convention_id').references('conventions.id');
    t.text('reason').notNullable();
    t.bigInteger('decided_by').notNullable().references('users.id');
    t.timestamp('decided_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    'ALTER TABLE convention_overrides ADD CONSTRAINT convention_overrides_reason_check CHECK (length(trim(reason)) > 0)',
  );
  await knex.raw('CREATE INDEX convention_overrides_acc_idx ON convention_overrides (accompaniment_id)');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['convention_overrides', 'convention_signatures', 'convention_parties', 'conventions']) {
    await knex.schema.dropTable(table);
  }
}
