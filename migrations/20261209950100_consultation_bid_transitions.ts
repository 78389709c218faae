import type { Knex } from 'knex';

/**
 * The log of a consultation bid's status, like the other *_transitions tables: every move of a bid
 * (invited → proposed or declined → selected or not selected, and back to proposed when the
 * selection is undone: src/consultations/bid-lifecycle.ts) is written here by the command that
 * makes it, with who, the day it happened (happened_on) and when it was typed (at). The first
 * status (invited) is logged from null. Moves made before this table existed are not rebuilt: the
 * bid's invited_on, received_on and the consultation's selected_on already tell them.
 */
const STATUSES = `('invited','proposed','declined','selected','not_selected')`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consultation_bid_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('bid_id').notNullable().references('consultation_bids.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.date('happened_on').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.text('reason');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table consultation_bid_transitions add constraint consultation_bid_transitions_status_check
    check ((from_status is null or from_status in ${STATUSES}) and to_status in ${STATUSES})`);
  await knex.raw('create index consultation_bid_transitions_bid_idx on consultation_bid_transitions (bid_id, at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('consultation_bid_transitions');
}
