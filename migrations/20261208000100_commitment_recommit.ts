import type { Knex } from 'knex';

/**
 * A released commitment no longer holds its case on the envelope: the case may be committed on it
 * again (a convention re-signed after a withdrawal, a share moved back). Only one commitment per
 * case and envelope may be live at a time; released ones stay as history beside it. The envelope's
 * pages read its commitments of every status by envelope: a plain index keeps that lookup (the
 * unique constraint's index served it before; without it the bench's envelope page went from 2.8 to
 * 60 ms of PostgreSQL per request, a scan of every commitment in the country).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('envelope_commitments', (t) => {
    t.dropUnique(['envelope_id', 'accompaniment_id']);
  });
  await knex.raw(
    `create unique index envelope_commitments_live_unique on envelope_commitments (envelope_id, accompaniment_id)
       where status = 'committed'`,
  );
  await knex.raw(
    'create index envelope_commitments_envelope_idx on envelope_commitments (envelope_id, accompaniment_id)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index envelope_commitments_envelope_idx');
  await knex.raw('drop index envelope_commitments_live_unique');
  await knex.schema.alterTable('envelope_commitments', (t) => {
    t.unique(['envelope_id', 'accompaniment_id']);
  });
}
