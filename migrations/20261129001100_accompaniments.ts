import type { Knex } from 'knex';

const STATES = [
  'intake',
  'diagnostic',
  'consultation',
  'convention',
  'delivery',
  'close_out',
  'follow_up',
  'closed',
  'referred',
  'abandoned',
];

// The case itself, its beneficiaries (with their own status and history), its funding split,
// and the transition log of its lifecycle.
export async function up(knex: Knex): Promise<void> {
  const states = STATES.map((s) => `'${s}'`).join(',');
  await knex.schema.createTable('accompaniments', (t) => {
    t.bigIncrements('id');
    t.bigInteger('operator_id').notNullable().references('organisations.id');
    t.bigInteger('coordinator_id').references('users.id');
    t.text('title').notNullable();
    t.text('kind').notNullable();
    t.text('state').notNullable().defaultTo('intake');
    t.text('sector');
    t.text('department');
    t.specificType('themes', 'text[]').notNullable().defaultTo('{}');
    t.text('objectives');
    t.decimal('budget_days', 6, 2);
    t.decimal('budget_eur', 12, 2);
    t.date('intake_on').notNullable().defaultTo(knex.raw('CURRENT_DATE'));
    t.date('planned_start');
    t.date('planned_end');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE accompaniments
      ADD CONSTRAINT accompaniments_kind_check CHECK (kind IN ('individual','collective')),
      ADD CONSTRAINT accompaniments_state_check CHECK (state IN (${states})),
      ADD CONSTRAINT accompaniments_budget_check CHECK ((budget_days IS NULL OR budget_days >= 0) AND (budget_eur IS NULL OR budget_eur >= 0)),
      ADD CONSTRAINT accompaniments_dates_check CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start)`);
  await knex.raw('CREATE INDEX accompaniments_operator_idx ON accompaniments (operator_id, state)');
  await knex.raw('CREATE INDEX accompaniments_coordinator_idx ON accompaniments (coordinator_id, state)');

  await knex.schema.createTable('accompaniment_beneficiaries', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    t.text('status').notNullable().defaultTo('active');
    t.date('joined_on');
    t.date('withdrawn_on');
    t.text('withdrawal_reasons');
    t.text('may_rejoin');
    t.unique(['accompaniment_id', 'organisation_id']);
  });
  await knex.raw(`
    ALTER TABLE accompaniment_beneficiaries
      ADD CONSTRAINT beneficiaries_status_check CHECK (status IN ('active','withdrawn')),
      ADD CONSTRAINT beneficiaries_withdrawal_check CHECK (
        status = 'active' OR (withdrawn_on IS NOT NULL AND coalesce(length(trim(withdrawal_reasons)), 0) > 0))`);
  await knex.raw('CREATE INDEX beneficiaries_org_idx ON accompaniment_beneficiaries (organisation_id)');

  // Every join, withdrawal and return stays here, so a withdrawn structure keeps its history.
  await knex.schema.createTable('beneficiary_changes', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    t.text('change').notNullable();
    t.date('on_date').notNullable();
    t.text('reasons');
    t.text('may_rejoin');
    t.bigInteger('actor_id').references('users.id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `ALTER TABLE beneficiary_changes ADD CONSTRAINT beneficiary_changes_change_check CHECK (change IN ('joined','withdrawn','rejoined'))`,
  );
  await knex.raw('CREATE INDEX beneficiary_changes_acc_idx ON beneficiary_changes (accompaniment_id, on_date)');

  await knex.schema.createTable('accompaniment_funding', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.bigInteger('funder_id').notNullable().references('organisations.id');
    t.decimal('amount_eur', 12, 2).notNullable();
    t.unique(['accompaniment_id', 'funder_id']);
  });
  await knex.raw('ALTER TABLE accompaniment_funding ADD CONSTRAINT funding_amount_check CHECK (amount_eur >= 0)');
  await knex.raw('CREATE INDEX funding_funder_idx ON accompaniment_funding (funder_id)');

  await knex.schema.createTable('accompaniment_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('from_state');
    t.text('to_state').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.date('on_date').notNullable().defaultTo(knex.raw('CURRENT_DATE'));
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('comment');
  });
  // Leaving the normal path needs a reason, enforced by the database itself (as les-emplois does).
  await knex.raw(`
    ALTER TABLE accompaniment_transitions
      ADD CONSTRAINT transitions_reason_check CHECK (
        to_state NOT IN ('referred','abandoned') OR coalesce(length(trim(comment)), 0) > 0)`);
  await knex.raw('CREATE INDEX transitions_acc_idx ON accompaniment_transitions (accompaniment_id, at)');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'accompaniment_transitions',
    'accompaniment_funding',
    'beneficiary_changes',
    'accompaniment_beneficiaries',
    'accompaniments',
  ]) {
    await knex.schema.dropTable(table);
  }
}
