import type { Knex } from 'knex';

// "Session" in Jalons is a meeting of an accompaniment (séance). Login sessions move aside
// to user_sessions so the domain word keeps its table.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.renameTable('sessions', 'user_sessions');
  await knex.raw('ALTER INDEX sessions_expires_idx RENAME TO user_sessions_expires_idx');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER INDEX user_sessions_expires_idx RENAME TO sessions_expires_idx');
  await knex.schema.renameTable('user_sessions', 'sessions');
}
