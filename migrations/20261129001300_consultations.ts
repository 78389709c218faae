import type { Knex } from 'knex';

// The restricted call for competences: terms of reference, invited providers and their
// proposals, a scoring grid, and the selection with its rationale.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consultations', (t) => {
    t.bigInteger('accompaniment_id').primary().references('accompaniments.id').onDelete('CASCADE');
    t.text('objectives');
    t.decimal('days', 6, 2);
    t.decimal('budget_eur', 12, 2);
    t.date('deadline');
    t.date('launched_on');
    t.bigInteger('selected_bid_id');
    t.text('selection_rationale');
    t.date('selected_on');
    t.bigInteger('selected_by').references('users.id');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('consultation_criteria', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('label').notNullable();
    t.integer('max_points').notNullable();
    t.integer('position').notNullable();
  });
  await knex.raw(
    'ALTER TABLE consultation_criteria ADD CONSTRAINT criteria_points_check CHECK (max_points > 0 AND max_points <= 1000)',
  );

  await knex.schema.createTable('consultation_bids', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.bigInteger('provider_id').notNullable().references('organisations.id');
    t.date('invited_on').notNullable();
    t.text('status').notNullable().defaultTo('invited');
    t.date('received_on');
    t.decimal('proposal_days', 6, 2);
    t.decimal('proposal_price_eur', 12, 2);
    t.text('method');
    t.timestamp('notified_at', { useTz: true });
    t.unique(['accompaniment_id', 'provider_id']);
  });
  await knex.raw(`ALTER TABLE consultation_bids ADD CONSTRAINT bids_status_check
    CHECK (status IN ('invited','proposed','declined','selected','not_selected'))`);
  // At most one selected provider per accompaniment.
  await knex.raw(
    `CREATE UNIQUE INDEX bids_one_selected ON consultation_bids (accompaniment_id) WHERE status = 'selected'`,
  );
  await knex.raw('CREATE INDEX bids_provider_idx ON consultation_bids (provider_id, status)');
  await knex.raw(
    'ALTER TABLE consultations ADD CONSTRAINT consultations_selected_fk FOREIGN KEY (selected_bid_id) REFERENCES consultation_bids(id)',
  );

  await knex.schema.createTable('bid_scores', (t) => {
    t.bigInteger('bid_id').notNullable().references('consultation_bids.id').onDelete('CASCADE');
    t.bigInteger('criterion_id').notNullable().references('consultation_criteria.id').onDelete('CASCADE');
    t.decimal('points', 7, 2).notNullable();
    t.primary(['bid_id', 'criterion_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('bid_scores');
  await knex.raw('ALTER TABLE consultations DROP CONSTRAINT consultations_selected_fk');
  await knex.schema.dropTable('consultation_bids');
  await knex.schema.dropTable('consultation_criteria');
  await knex.schema.dropTable('consultations');
}
