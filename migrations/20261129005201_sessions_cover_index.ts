import type { Knex } from 'knex';

// The portfolio list, the home page and the indicators read, per case, the days its sessions
// consumed and its latest session activity (sum/max over the case's sessions). With these
// columns in the index those are index-only scans: a case's sessions sit on as many heap pages as
// it has sessions, since they are recorded over months among everybody else's (BENCHMARKS.md).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX sessions_acc_cover_idx ON sessions (accompaniment_id) INCLUDE (days_consumed, starts_at, updated_at)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX sessions_acc_cover_idx');
}
