import type { Knex } from 'knex';

/**
 * Calendars: each user may hold one private feed token (a calendar application has no cookie,
 * the token in the feed URL says whose sessions to list). Only its SHA-256 is stored; revoking or
 * regenerating marks the row revoked, so the old URL answers 404 at once.
 * The outbox gains an optional iCalendar part, sent along with the text (session invitations).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('calendar_tokens', (t) => {
    t.bigIncrements('id');
    t.bigInteger('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true });
  });
  // At most one working feed URL per user.
  await knex.raw(
    'CREATE UNIQUE INDEX calendar_tokens_active_idx ON calendar_tokens (user_id) WHERE revoked_at IS NULL',
  );

  await knex.schema.alterTable('outbox', (t) => {
    t.text('ical_event');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('ical_event');
  });
  await knex.schema.dropTable('calendar_tokens');
}
