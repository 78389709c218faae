import type { Knex } from 'knex';

/**
 * A funder without an e-mail address still gets the report, another way: by phone, by letter or
 * handed over in person. Each funder of a case is a recipient row of the sent report; the ones
 * without an address have no e-mail and no outbox row, and the coordinator records the channel and
 * the day they were told (notified_on: when it happened; notified_recorded_at: when it was typed).
 * Sent reports of before this change get a row for each funder of their case that had none.
 */
const CHANNELS = ['phone', 'letter', 'in_person'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('progress_report_recipients', (t) => {
    t.setNullable('email');
    t.text('notified_channel');
    t.date('notified_on');
    t.bigInteger('notified_by').references('users.id');
    t.timestamp('notified_recorded_at', { useTz: true });
  });
  await knex.raw(`alter table progress_report_recipients add constraint progress_report_recipients_channel_check
    check (notified_channel is null or notified_channel in (${CHANNELS.map((c) => `'${c}'`).join(', ')}))`);
  await knex.raw(`alter table progress_report_recipients add constraint progress_report_recipients_notified_check
    check ((notified_on is null) = (notified_channel is null))`);
  // A mail needs an address; a funder told another way has neither.
  await knex.raw(`alter table progress_report_recipients add constraint progress_report_recipients_mail_check
    check (email is not null or outbox_id is null)`);
  await knex.raw(
    `create unique index progress_report_recipients_no_email_idx on progress_report_recipients (report_id, funder_id) where email is null`,
  );
  await knex.raw(`
    insert into progress_report_recipients (report_id, funder_id, email)
    select r.id, f.funder_id, null
      from progress_reports r
      join accompaniment_funding f on f.accompaniment_id = r.accompaniment_id
     where r.status = 'sent'
       and not exists (select 1 from progress_report_recipients pr where pr.report_id = r.id and pr.funder_id = f.funder_id)
     group by r.id, f.funder_id`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('progress_report_recipients').whereNull('email').delete();
  await knex.raw('drop index progress_report_recipients_no_email_idx');
  await knex.raw('alter table progress_report_recipients drop constraint progress_report_recipients_mail_check');
  await knex.raw('alter table progress_report_recipients drop constraint progress_report_recipients_notified_check');
  await knex.raw('alter table progress_report_recipients drop constraint progress_report_recipients_channel_check');
  await knex.schema.alterTable('progress_report_recipients', (t) => {
    t.dropColumn('notified_recorded_at');
    t.dropColumn('notified_by');
    t.dropColumn('notified_on');
    t.dropColumn('notified_channel');
    t.dropNullable('email');
  });
}
