import type { Knex } from 'knex';

// Each person chooses immediate mails (the default) or one daily digest (issue 21).
// - users.mail_delivery: 'immediate' | 'digest';
// - outbox 'held': a notification for a person who chose the digest, waiting for the daily job;
//   'digested': sent inside the digest mail `digest_id` (itself an ordinary outbox row).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE users ADD COLUMN mail_delivery text NOT NULL DEFAULT 'immediate'
    CONSTRAINT users_mail_delivery_check CHECK (mail_delivery IN ('immediate', 'digest'))`);
  await knex.raw('ALTER TABLE outbox DROP CONSTRAINT outbox_status_check');
  await knex.raw(
    `ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
       CHECK (status IN ('pending','sending','sent','failed','unknown','held','digested'))`,
  );
  await knex.raw('ALTER TABLE outbox ADD COLUMN digest_id bigint REFERENCES outbox (id)');
  await knex.raw(`CREATE INDEX outbox_held_idx ON outbox (to_address, id) WHERE status = 'held'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX outbox_held_idx');
  await knex.raw(`UPDATE outbox SET status = 'pending' WHERE status = 'held'`);
  await knex.raw(`UPDATE outbox SET status = 'sent' WHERE status = 'digested'`);
  await knex.raw('ALTER TABLE outbox DROP COLUMN digest_id');
  await knex.raw('ALTER TABLE outbox DROP CONSTRAINT outbox_status_check');
  await knex.raw(
    `ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending','sending','sent','failed','unknown'))`,
  );
  await knex.raw('ALTER TABLE users DROP COLUMN mail_delivery');
}
