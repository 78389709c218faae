import type { Knex } from 'knex';

// 'unknown': a send that was interrupted after the row was claimed (the process died or hung) —
// the mail server may or may not have accepted the message. Such a row is never resent
// automatically (at most once); an admin decides, from the outbox page.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE outbox DROP CONSTRAINT outbox_status_check');
  await knex.raw(
    `ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending','sending','sent','failed','unknown'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`UPDATE outbox SET status = 'failed' WHERE status = 'unknown'`);
  await knex.raw('ALTER TABLE outbox DROP CONSTRAINT outbox_status_check');
  await knex.raw(
    `ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending','sending','sent','failed'))`,
  );
}
