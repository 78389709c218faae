import type { Knex } from 'knex';

// Delivery phases (from a template, editable per accompaniment) and stakeholder notices.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('phase_templates', (t) => {
    t.bigIncrements('id');
    t.text('name').notNullable().unique();
    t.jsonb('phases').notNullable();
    t.boolean('is_default').notNullable().defaultTo(false);
  });
  // Reference data, not demo data: the default template is the three phases of the Belfort case.
  await knex('phase_templates').insert({
    name: 'Accompagnement collectif en trois phases',
    is_default: true,
    phases: JSON.stringify([
      'Projet politique et organisation stratégique',
      'Réflexions stratégiques en groupes de travail thématiques',
      'Mise en place opérationnelle',
    ]),
  });

  await knex.schema.createTable('phases', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.text('name').notNullable();
    t.date('planned_start');
    t.date('planned_end');
    t.date('actual_start');
    t.date('actual_end');
    t.text('status').notNullable().defaultTo('planned');
  });
  await knex.raw(`
    ALTER TABLE phases
      ADD CONSTRAINT phases_status_check CHECK (status IN ('planned','in_progress','done')),
      ADD CONSTRAINT phases_planned_check CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
      ADD CONSTRAINT phases_actual_check CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start)`);
  await knex.raw('CREATE INDEX phases_acc_idx ON phases (accompaniment_id, position)');

  await knex.schema.createTable('notices', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.date('on_date').notNullable();
    t.text('recipients').notNullable();
    t.text('content');
    t.bigInteger('created_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN ('funders_informed','cdiae_informed','other'))`,
  );
  await knex.raw('CREATE INDEX notices_acc_idx ON notices (accompaniment_id, on_date)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notices');
  await knex.schema.dropTable('phases');
  await knex.schema.dropTable('phase_templates');
}
