import type { Knex } from 'knex';

// Close-out of an accompaniment: the provider's satisfaction survey, one per beneficiary
// structure (answered by the structure's own user, or entered by the operator's staff on its
// behalf: answered_by says who), the result against each objective of the diagnostic, and the
// new needs identified. The objectives are frozen once the diagnostic stage is over, so a
// result can follow its objective (cascade) without risk of losing it later.
const SCORES = ['score_quality', 'score_listening', 'score_deliverables', 'score_overall'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('satisfaction_surveys', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    for (const s of SCORES) t.smallint(s).notNullable();
    t.text('comment');
    t.bigInteger('answered_by').notNullable().references('users.id');
    t.boolean('on_behalf').notNullable().defaultTo(false);
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['accompaniment_id', 'organisation_id']);
  });
  await knex.raw(`ALTER TABLE satisfaction_surveys
    ${SCORES.map((s) => `ADD CONSTRAINT satisfaction_${s}_check CHECK (${s} BETWEEN 1 AND 5)`).join(',\n    ')},
    ADD CONSTRAINT satisfaction_comment_check CHECK (comment IS NULL OR length(comment) <= 2000)`);

  await knex.schema.createTable('objective_results', (t) => {
    t.bigInteger('objective_id').primary().references('diagnostic_objectives.id').onDelete('CASCADE');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('result').notNullable();
    t.text('comment');
    t.bigInteger('recorded_by').references('users.id');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE objective_results
    ADD CONSTRAINT objective_results_result_check CHECK (result IN ('met','partly','not'))`);
  await knex.raw('CREATE INDEX objective_results_acc_idx ON objective_results (accompaniment_id)');

  // One row per accompaniment: the new needs, and the version the results form was edited from.
  await knex.schema.createTable('close_outs', (t) => {
    t.bigInteger('accompaniment_id').primary().references('accompaniments.id').onDelete('CASCADE');
    t.specificType('new_needs', 'text[]').notNullable().defaultTo('{}');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.bigInteger('updated_by').references('users.id');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('close_outs');
  await knex.schema.dropTable('objective_results');
  await knex.schema.dropTable('satisfaction_surveys');
}
