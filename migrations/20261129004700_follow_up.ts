import type { Knex } from 'knex';

// Follow-up checkpoints after the handoff: one per offset (6, 12, 18 months by default) after
// close-out, scheduled by src/follow-up/schedule.ts. A checkpoint is recorded once the relay (or
// the operator) has assessed the four outcome criteria funders use (Avise), each rated
// improved/stable/degraded/unknown with a short note, plus head counts and the open actions.
// reminder_sent_at makes the daily reminder job send at most once per checkpoint.
const CRITERIA = ['jobs', 'economic_health', 'strategic_vision', 'local_partnerships'] as const;
const RATINGS = `('improved','stable','degraded','unknown')`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('follow_up_checkpoints', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.integer('offset_months').notNullable();
    t.date('due_on').notNullable();
    for (const c of CRITERIA) {
      t.text(`${c}_rating`);
      t.text(`${c}_note`);
    }
    t.integer('employees');
    t.integer('employees_in_insertion');
    t.text('open_actions');
    t.text('notes');
    t.timestamp('recorded_at', { useTz: true });
    t.bigInteger('recorded_by').references('users.id');
    t.timestamp('reminder_sent_at', { useTz: true });
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['accompaniment_id', 'offset_months']);
  });
  const ratingChecks = CRITERIA.map(
    (c) => `ADD CONSTRAINT follow_up_${c}_rating_check CHECK (${c}_rating IS NULL OR ${c}_rating IN ${RATINGS})`,
  ).join(',\n      ');
  await knex.raw(`ALTER TABLE follow_up_checkpoints
      ${ratingChecks},
      ADD CONSTRAINT follow_up_offset_check CHECK (offset_months > 0),
      ADD CONSTRAINT follow_up_employees_check CHECK (employees IS NULL OR employees >= 0),
      ADD CONSTRAINT follow_up_insertion_check CHECK (employees_in_insertion IS NULL OR employees_in_insertion >= 0),
      ADD CONSTRAINT follow_up_recorded_check CHECK (recorded_at IS NULL OR recorded_by IS NOT NULL)`);
  // The reminder job and the home panels look for due, unrecorded checkpoints.
  await knex.raw('CREATE INDEX follow_up_due_idx ON follow_up_checkpoints (due_on) WHERE recorded_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('follow_up_checkpoints');
}
