import type { Knex } from 'knex';

/**
 * The log of a session's status, like the case's accompaniment_transitions: every move
 * (planned ⇄ held, → closed, closed → held with a reason, src/sessions/lifecycle.ts) is written
 * here by the command that makes it, with who and when. A session's creation is logged with no
 * from_status (it starts planned, or held when its minutes come with it). Moves made before this
 * table existed are not rebuilt: the audit log keeps them (session.close, session.reopen with its
 * reason, session.update), but not the status a session was closed from.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('session_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('session_id').notNullable().references('sessions.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.text('reason');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table session_transitions add constraint session_transitions_status_check
    check (event in ('create','hold','plan','close','reopen')
      and (from_status is null or from_status in ('planned','held','closed')) and to_status in ('planned','held','closed'))`);
  await knex.raw('create index session_transitions_session_idx on session_transitions (session_id, at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('session_transitions');
}
