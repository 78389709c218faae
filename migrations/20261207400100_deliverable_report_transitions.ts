import type { Knex } from 'knex';

/**
 * The logs of two status tables, like the case's accompaniment_transitions: every move of a
 * deliverable (expected → submitted → changes requested → accepted, src/deliverables/lifecycle.ts)
 * and of a progress report (draft → sent, src/progress-reports/lifecycle.ts) is written here by the
 * command that makes it, with who, the day it happened (on_date, chosen or today) and when it was
 * typed (at). Moves made before this table existed are not rebuilt: the versions and review
 * decisions of a deliverable, and the sent_at of a report, already tell them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('deliverable_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('deliverable_id').notNullable().references('deliverables.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('from_status').notNullable();
    t.text('to_status').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.date('on_date').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table deliverable_transitions add constraint deliverable_transitions_status_check
    check (from_status in ('expected','submitted','changes_requested','accepted') and to_status in ('expected','submitted','changes_requested','accepted'))`);
  await knex.raw(
    'create index deliverable_transitions_deliverable_idx on deliverable_transitions (deliverable_id, at)',
  );

  await knex.schema.createTable('progress_report_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('report_id').notNullable().references('progress_reports.id').onDelete('CASCADE');
    t.text('from_status').notNullable();
    t.text('to_status').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.date('on_date').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table progress_report_transitions add constraint progress_report_transitions_status_check
    check (from_status in ('draft','sent') and to_status in ('draft','sent'))`);
  await knex.raw('create index progress_report_transitions_report_idx on progress_report_transitions (report_id, at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('progress_report_transitions');
  await knex.schema.dropTable('deliverable_transitions');
}
