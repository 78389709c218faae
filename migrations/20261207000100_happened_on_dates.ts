import type { Knex } from 'knex';

/**
 * The day each recorded event happened, beside the instant it was recorded (DOMAIN.md, "Dates").
 * These events only had a timestamp of their recording; a case entered after the fact (a
 * convention signed on paper in 2016, typed in 2026) needs the real day. Existing rows take the
 * day of their timestamp in the office's time zone, so nothing shows empty.
 * - consultation_bids: the day the bidder was told the result and how (e-mail, phone, letter,
 *   handed over): a bidder without an e-mail address can be told another way;
 * - conventions (each row is a version): the day the version was issued (« établie le »);
 * - deliverable_versions: the day the version was submitted; deliverable_comments: the day the
 *   review decision was taken;
 * - handoffs: the day the relay acknowledged the package;
 * - follow_up_checkpoints: the day the checkpoint took place;
 * - satisfaction_surveys: the day the structure answered.
 */
const PARIS = `'Europe/Paris'`;
const COLUMNS: { table: string; column: string; from: string }[] = [
  { table: 'consultation_bids', column: 'notified_on', from: 'notified_at' },
  { table: 'conventions', column: 'issued_on', from: 'generated_at' },
  { table: 'deliverable_versions', column: 'submitted_on', from: 'uploaded_at' },
  { table: 'deliverable_comments', column: 'decided_on', from: 'created_at' },
  { table: 'handoffs', column: 'acknowledged_on', from: 'acknowledged_at' },
  { table: 'follow_up_checkpoints', column: 'held_on', from: 'recorded_at' },
  { table: 'satisfaction_surveys', column: 'answered_on', from: 'created_at' },
];
const NOTIFICATION_CHANNELS = ['email', 'phone', 'letter', 'in_person'] as const;

export async function up(knex: Knex): Promise<void> {
  for (const { table, column, from } of COLUMNS) {
    await knex.schema.alterTable(table, (t) => t.date(column));
    await knex.raw(`update ${table} set ${column} = (${from} at time zone ${PARIS})::date where ${from} is not null`);
  }
  await knex.schema.alterTable('consultation_bids', (t) => t.text('notified_channel'));
  await knex.raw(`update consultation_bids set notified_channel = 'email' where notified_at is not null`);
  await knex.raw(`alter table consultation_bids add constraint consultation_bids_notified_channel_check
    check (notified_channel is null or notified_channel in (${NOTIFICATION_CHANNELS.map((c) => `'${c}'`).join(', ')}))`);
  await knex.raw(`alter table consultation_bids add constraint consultation_bids_notified_check
    check ((notified_on is null) = (notified_channel is null))`);
  // Versions and their decisions always have their day from now on.
  for (const table of ['conventions', 'deliverable_versions', 'deliverable_comments', 'satisfaction_surveys']) {
    const { column } = COLUMNS.find((c) => c.table === table)!;
    await knex.raw(`alter table ${table} alter column ${column} set default (now() at time zone ${PARIS})::date`);
    await knex.raw(`alter table ${table} alter column ${column} set not null`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table consultation_bids drop constraint consultation_bids_notified_check');
  await knex.raw('alter table consultation_bids drop constraint consultation_bids_notified_channel_check');
  await knex.schema.alterTable('consultation_bids', (t) => t.dropColumn('notified_channel'));
  for (const { table, column } of COLUMNS) await knex.schema.alterTable(table, (t) => t.dropColumn(column));
}
