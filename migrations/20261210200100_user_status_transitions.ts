import type { Knex } from 'knex';

/**
 * The log of a user account's status, like the other *_transitions tables: every move of an
 * account (invited → active when the invitation is accepted, active → active when a reset link
 * sets a new password, disabled and enabled again by an admin: src/users/lifecycle.ts) is written
 * here by the command that makes it, with who, the office's day (happened_on) and when (at). The
 * first status (invited) is logged from null. Moves made before this table existed are not
 * rebuilt: the audit log already holds them (user.create, user.invitation_accepted, user.disable…).
 */
const STATUSES = `('invited','active','disabled')`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('user_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.date('happened_on').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table user_transitions add constraint user_transitions_status_check
    check ((from_status is null or from_status in ${STATUSES}) and to_status in ${STATUSES})`);
  await knex.raw('create index user_transitions_user_idx on user_transitions (user_id, at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('user_transitions');
}
