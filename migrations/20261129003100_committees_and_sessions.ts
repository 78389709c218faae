import type { Knex } from 'knex';

/**
 * Delivery happens in meetings: the accompaniment's own steering committee, themed working
 * groups, and sessions with attendance, minutes, days consumed and action items.
 * A participant is a Jalons user, a structure contact, or a named guest without an account.
 */
function participantColumns(t: Knex.CreateTableBuilder) {
  t.bigInteger('user_id').references('users.id');
  t.bigInteger('contact_id').references('structure_contacts.id').onDelete('SET NULL');
  t.text('name').notNullable();
  t.text('organisation_name');
  t.bigInteger('organisation_id').references('organisations.id');
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('steering_committee_members', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    participantColumns(t);
    t.text('role').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE steering_committee_members ADD CONSTRAINT scm_role_check
    CHECK (role IN ('director','president','board_member','employee','coordinator','consultant','other'))`);
  await knex.raw('CREATE INDEX scm_acc_idx ON steering_committee_members (accompaniment_id)');

  await knex.schema.createTable('working_groups', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('theme').notNullable();
    t.text('name').notNullable();
    t.text('aim');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE INDEX working_groups_acc_idx ON working_groups (accompaniment_id)');

  await knex.schema.createTable('working_group_members', (t) => {
    t.bigIncrements('id');
    t.bigInteger('working_group_id').notNullable().references('working_groups.id').onDelete('CASCADE');
    participantColumns(t);
  });
  await knex.raw('CREATE INDEX wgm_group_idx ON working_group_members (working_group_id)');

  await knex.schema.createTable('working_group_structures', (t) => {
    t.bigInteger('working_group_id').notNullable().references('working_groups.id').onDelete('CASCADE');
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    t.primary(['working_group_id', 'organisation_id']);
  });

  await knex.schema.createTable('sessions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('type').notNullable();
    t.text('title').notNullable();
    t.text('theme');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true });
    t.text('place');
    t.text('video_url');
    t.bigInteger('phase_id').references('phases.id').onDelete('SET NULL');
    t.bigInteger('working_group_id').references('working_groups.id').onDelete('SET NULL');
    t.text('agenda');
    // Days of the contracted budget this session consumed: the only copy of that figure.
    t.decimal('days_consumed', 5, 2).notNullable().defaultTo(0);
    t.text('over_budget_reason');
    t.text('minutes');
    t.text('decisions');
    // planned → held (minutes being written) → closed (minutes locked); reopening is audited.
    t.text('status').notNullable().defaultTo('planned');
    t.bigInteger('logged_by').references('users.id');
    t.timestamp('validated_at', { useTz: true });
    t.bigInteger('validated_by').references('users.id');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE sessions
      ADD CONSTRAINT sessions_type_check CHECK (type IN ('kickoff','steering_committee','working_group','interview','restitution','follow_up')),
      ADD CONSTRAINT sessions_status_check CHECK (status IN ('planned','held','closed')),
      ADD CONSTRAINT sessions_days_check CHECK (days_consumed >= 0 AND days_consumed <= 50 AND mod(days_consumed * 4, 1) = 0),
      ADD CONSTRAINT sessions_times_check CHECK (ends_at IS NULL OR ends_at >= starts_at)`);
  await knex.raw('CREATE INDEX sessions_acc_idx ON sessions (accompaniment_id, starts_at)');
  await knex.raw('CREATE INDEX sessions_group_idx ON sessions (working_group_id)');
  await knex.raw('CREATE INDEX sessions_starts_idx ON sessions (starts_at)');

  await knex.schema.createTable('session_attendees', (t) => {
    t.bigIncrements('id');
    t.bigInteger('session_id').notNullable().references('sessions.id').onDelete('CASCADE');
    participantColumns(t);
    t.text('presence').notNullable().defaultTo('invited');
    t.timestamp('invitation_sent_at', { useTz: true });
  });
  await knex.raw(`ALTER TABLE session_attendees ADD CONSTRAINT attendees_presence_check
    CHECK (presence IN ('invited','present','excused','absent'))`);
  await knex.raw('CREATE INDEX attendees_session_idx ON session_attendees (session_id)');
  await knex.raw('CREATE INDEX attendees_user_idx ON session_attendees (user_id)');

  await knex.schema.createTable('action_items', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.bigInteger('session_id').references('sessions.id').onDelete('SET NULL');
    t.bigInteger('working_group_id').references('working_groups.id').onDelete('SET NULL');
    t.text('what').notNullable();
    t.text('owner_name');
    t.bigInteger('owner_organisation_id').references('organisations.id');
    t.date('due_on');
    t.text('status').notNullable().defaultTo('open');
    t.timestamp('closed_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE action_items ADD CONSTRAINT action_items_status_check
    CHECK (status IN ('open','in_progress','done','dropped'))`);
  await knex.raw('CREATE INDEX action_items_acc_idx ON action_items (accompaniment_id, status)');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'action_items',
    'session_attendees',
    'sessions',
    'working_group_structures',
    'working_group_members',
    'working_groups',
    'steering_committee_members',
  ]) {
    await knex.schema.dropTable(table);
  }
}
