import type { Knex } from 'knex';

/**
 * When a bidder's notification was recorded in Jalons (« saisi le … » beside notified_on, the day
 * the bidder was told). notified_at stays the instant the result e-mail was queued; a bidder told
 * by phone, letter or by hand has no e-mail, but its notification was still typed at some moment.
 * Existing notifications were all e-mails: recorded when queued.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultation_bids', (t) => t.timestamp('notification_recorded_at', { useTz: true }));
  await knex.raw('update consultation_bids set notification_recorded_at = notified_at where notified_on is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultation_bids', (t) => t.dropColumn('notification_recorded_at'));
}
