import type { Knex } from 'knex';

// Uploaded files of an accompaniment. Generic on purpose: `purpose` says what the file is for
// ('diagnostic_attachment' today; deliverables and their versions later). The bytes live in the
// storage folder under `storage_key`; the row keeps what is needed to trust and serve them.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('documents', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id');
    t.text('purpose').notNullable();
    t.text('filename').notNullable();
    t.text('mime_type').notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.text('sha256').notNullable();
    t.text('storage_key').notNullable().unique();
    t.bigInteger('uploaded_by').references('users.id');
    t.timestamp('uploaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE documents
      ADD CONSTRAINT documents_purpose_check CHECK (purpose ~ '^[a-z][a-z_]*$'),
      ADD CONSTRAINT documents_filename_check CHECK (length(filename) BETWEEN 1 AND 255),
      ADD CONSTRAINT documents_size_check CHECK (size_bytes > 0),
      ADD CONSTRAINT documents_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$')`);
  await knex.raw('CREATE INDEX documents_acc_purpose_idx ON documents (accompaniment_id, purpose, uploaded_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('documents');
}
