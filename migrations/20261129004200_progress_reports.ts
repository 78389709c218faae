import type { Knex } from 'knex';

// Progress reports sent to funders. A draft holds what the coordinator types (next steps, risks,
// a free comment); everything else is read from the record when the report is rendered. Sending
// freezes it: the PDF is stored as a document with its SHA-256, the recipients are written with
// the outbox row that carries each e-mail, and a trigger refuses any later change to a sent report.
export async function up(knex: Knex): Promise<void> {
  // A mail may carry one stored document as an attachment (the frozen report PDF).
  await knex.schema.alterTable('outbox', (t) => {
    t.bigInteger('attachment_document_id').references('documents.id');
  });

  await knex.schema.createTable('progress_reports', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('milestone').notNullable().defaultTo('on_demand');
    t.text('title').notNullable();
    t.date('period_end').notNullable().defaultTo(knex.raw('CURRENT_DATE'));
    t.text('next_steps');
    t.text('risks');
    t.text('comment');
    t.text('status').notNullable().defaultTo('draft');
    t.bigInteger('document_id').references('documents.id');
    t.text('sha256');
    t.timestamp('sent_at', { useTz: true });
    t.bigInteger('sent_by').references('users.id');
    t.bigInteger('created_by').references('users.id');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE progress_reports
      ADD CONSTRAINT progress_reports_status_check CHECK (status IN ('draft','sent')),
      ADD CONSTRAINT progress_reports_milestone_check CHECK (milestone IN
        ('diagnostic_signed','provider_chosen','convention_signed','phase_done','restitution','on_demand')),
      ADD CONSTRAINT progress_reports_title_check CHECK (length(title) BETWEEN 1 AND 300),
      ADD CONSTRAINT progress_reports_sent_check CHECK (
        status = 'draft' OR (document_id IS NOT NULL AND sha256 ~ '^[0-9a-f]{64}$' AND sent_at IS NOT NULL))`);
  await knex.raw('CREATE INDEX progress_reports_acc_idx ON progress_reports (accompaniment_id, created_at DESC)');
  await knex.raw(`CREATE INDEX progress_reports_sent_idx ON progress_reports (sent_at DESC) WHERE status = 'sent'`);
  // Sent is final: the database itself refuses to touch a sent report (rows and recipients stay).
  await knex.raw(`
    CREATE FUNCTION progress_reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status = 'sent' THEN
        RAISE EXCEPTION 'progress report % was sent and cannot change', OLD.id USING ERRCODE = 'check_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(`CREATE TRIGGER progress_reports_frozen BEFORE UPDATE OR DELETE ON progress_reports
    FOR EACH ROW EXECUTE FUNCTION progress_reports_frozen()`);

  // Who a sent report went to: the funder organisation, the address used, and the outbox row
  // that carries the mail (its status says delivered, retrying or failed).
  await knex.schema.createTable('progress_report_recipients', (t) => {
    t.bigIncrements('id');
    t.bigInteger('report_id').notNullable().references('progress_reports.id');
    t.bigInteger('funder_id').notNullable().references('organisations.id');
    t.text('email').notNullable();
    t.bigInteger('outbox_id').references('outbox.id');
    t.unique(['report_id', 'email']);
  });
  await knex.raw(
    'CREATE INDEX progress_report_recipients_funder_idx ON progress_report_recipients (funder_id, report_id)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('progress_report_recipients');
  await knex.raw('DROP TRIGGER progress_reports_frozen ON progress_reports');
  await knex.raw('DROP FUNCTION progress_reports_frozen()');
  await knex.schema.dropTable('progress_reports');
  await knex.schema.alterTable('outbox', (t) => t.dropColumn('attachment_document_id'));
}
