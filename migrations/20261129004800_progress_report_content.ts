import type { Knex } from 'knex';

// What a sent report said, as data: its HTML page is drawn from this snapshot, so the page keeps
// showing exactly what the stored PDF says even when the record changes later.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('progress_reports', (t) => {
    t.jsonb('content');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('progress_reports', (t) => t.dropColumn('content'));
}
