import type { Knex } from 'knex';

// Optimistic locking for the records still edited through a form without it (issue 8: two people
// save the same record, the second is refused with a conflict page, nothing is overwritten). Each
// form posts back the version it showed; a save applies only to that version and increments it.
//   organisations      the organisation form and the structure form (a structure is an organisation)
//   users              the account form (and the language switch, which changes the same locale)
//   diagnostics        the diagnostic's texts and objectives
//   consultations      the call's terms and its scoring grid
//   consultation_bids  a provider's answer (lock_version) and its scores (scores_lock_version):
//                      two forms, two people can fill them at once without refusing each other
//   working_groups     a working group's theme, name, aim and structures
//   accompaniments     phases_lock_version: the phases are edited all at once, as one form per
//                      case (lock_version there is the case form's own)
//   sessions           attendance_lock_version: the attendance form posts every invitee's presence
const COLUMNS: Array<[table: string, column: string]> = [
  ['organisations', 'lock_version'],
  ['users', 'lock_version'],
  ['diagnostics', 'lock_version'],
  ['consultations', 'lock_version'],
  ['consultation_bids', 'lock_version'],
  ['consultation_bids', 'scores_lock_version'],
  ['working_groups', 'lock_version'],
  ['accompaniments', 'phases_lock_version'],
  ['sessions', 'attendance_lock_version'],
];

export async function up(knex: Knex): Promise<void> {
  for (const [table, column] of COLUMNS) {
    await knex.schema.alterTable(table, (t) => {
      t.integer(column).notNullable().defaultTo(0);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const [table, column] of [...COLUMNS].reverse()) {
    await knex.schema.alterTable(table, (t) => {
      t.dropColumn(column);
    });
  }
}
