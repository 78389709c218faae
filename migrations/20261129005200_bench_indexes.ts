import type { Knex } from 'knex';

// Lookups by a foreign key that had no index, found by `npm run bench` (BENCHMARKS.md) on the
// national data set: each was a sequential scan of the whole table on a page.
// - sessions.phase_id: the days consumed per phase (accompaniment page, progress report) joined
//   150,000 sessions by phase: ~500 ms per page.
// - action_items.session_id: the actions of a session (session page).
// - consultation_criteria.accompaniment_id and deliverable_comments.deliverable_id: the scoring
//   grid and the review history, read per case and per deliverable.
// - organisations (kind, department): the structures of a département offered on a case page.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX sessions_phase_idx ON sessions (phase_id) WHERE phase_id IS NOT NULL');
  await knex.raw('CREATE INDEX action_items_session_idx ON action_items (session_id) WHERE session_id IS NOT NULL');
  await knex.raw('CREATE INDEX consultation_criteria_acc_idx ON consultation_criteria (accompaniment_id, position)');
  await knex.raw('CREATE INDEX deliverable_comments_deliverable_idx ON deliverable_comments (deliverable_id)');
  await knex.raw('CREATE INDEX organisations_kind_department_idx ON organisations (kind, department)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX organisations_kind_department_idx');
  await knex.raw('DROP INDEX deliverable_comments_deliverable_idx');
  await knex.raw('DROP INDEX consultation_criteria_acc_idx');
  await knex.raw('DROP INDEX action_items_session_idx');
  await knex.raw('DROP INDEX sessions_phase_idx');
}
