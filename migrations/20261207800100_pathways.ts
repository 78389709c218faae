import type { Knex } from 'knex';

/**
 * Issue 19, the DLA parcours: the operator's whole work with a structure, wider than one consultancy.
 *
 * - operator_settings: what each operator configures (intake eligibility checklist, reminder delay,
 *   kinds of consultancy exempt from the comité d'appui).
 * - intake_requests (demande / accueil): every request, with its channel, need, eligibility and outcome;
 *   its status moves through src/intake/lifecycle.ts, logged in intake_request_transitions.
 * - pathways (parcours DLA): one per structure and operator, with its own diagnostic (or a link to the
 *   collective diagnostic of an accompaniment), its plan and actions, checkpoints and closure;
 *   statuses in src/pathways/lifecycle.ts, logged in pathway_transitions.
 * - pathway_actions (action d'un parcours): consultancy (an accompaniment), appui-conseil, orientation,
 *   offre locale; a planned action is an action in status 'planned' with a target date (the plan);
 *   statuses logged in pathway_action_transitions.
 * - pathway_checkpoints: the parcours' follow-up checkpoints, months after the last action's end.
 * - support_committee_*: the operator's comité d'appui, its meetings, agenda items and opinions.
 *
 * Every existing accompaniment becomes a consultancy action in the parcours of each of its structures
 * (a later migration of src/pathways/); the rule that keeps that true afterwards lives in src/pathways/commands.ts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('operator_settings', (t) => {
    t.bigInteger('operator_id').primary().references('organisations.id').onDelete('CASCADE');
    // The eligibility checklist shown on every request (labels, in the operator's words).
    t.specificType('eligibility_criteria', 'text[]').notNullable().defaultTo('{}');
    // Requests still unanswered after this many days show on the coordinator's home.
    t.integer('intake_reminder_days').notNullable().defaultTo(15);
    // Accompaniment kinds ('individual', 'collective') whose consultation may open without a committee opinion.
    t.specificType('committee_exempt_kinds', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table operator_settings add constraint operator_settings_check
    check (intake_reminder_days between 1 and 365 and committee_exempt_kinds <@ array['individual','collective']::text[])`);

  await knex.schema.createTable('intake_requests', (t) => {
    t.bigIncrements('id');
    t.bigInteger('operator_id').notNullable().references('organisations.id');
    // The structure asking (an organisation of kind 'structure', created with the request when new).
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    t.text('contact_name');
    t.text('contact_role');
    t.text('contact_email');
    t.text('contact_phone');
    t.date('received_on').notNullable();
    t.text('channel').notNullable();
    // Which partner referred the structure (channel 'partner_referral').
    t.text('referred_by');
    t.text('need').notNullable();
    // The criteria of operator_settings.eligibility_criteria ticked for this request.
    t.specificType('eligibility_met', 'text[]').notNullable().defaultTo('{}');
    t.text('eligibility_notes');
    t.bigInteger('owner_id').references('users.id');
    t.text('status').notNullable().defaultTo('received');
    t.date('outcome_on');
    // Orientation: to which partner and why; not eligible / no follow-up: why.
    t.text('outcome_partner');
    t.text('outcome_reason');
    t.bigInteger('created_by').references('users.id');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table intake_requests add constraint intake_requests_check
    check (channel in ('phone','email','event','partner_referral','other')
      and status in ('received','diagnostic','oriented','not_eligible','no_follow_up')
      and (status = 'received' or outcome_on is not null)
      and (outcome_on is null or outcome_on >= received_on))`);
  await knex.raw('create index intake_requests_operator_idx on intake_requests (operator_id, status, received_on)');
  await knex.raw('create index intake_requests_org_idx on intake_requests (organisation_id)');
  await knex.raw('create index intake_requests_owner_idx on intake_requests (owner_id, status)');

  await knex.schema.createTable('intake_request_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('intake_request_id').notNullable().references('intake_requests.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.date('happened_on').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.text('reason');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index intake_request_transitions_idx on intake_request_transitions (intake_request_id, at)');

  await knex.schema.createTable('pathways', (t) => {
    t.bigIncrements('id');
    t.bigInteger('operator_id').notNullable().references('organisations.id');
    t.bigInteger('organisation_id').notNullable().references('organisations.id');
    t.bigInteger('intake_request_id').references('intake_requests.id');
    t.bigInteger('coordinator_id').references('users.id');
    t.text('status').notNullable().defaultTo('open');
    t.date('opened_on').notNullable();
    // Its own diagnostic (diagnostic partagé) ...
    t.date('diagnosed_on');
    t.text('diagnostic_summary');
    t.text('diagnostic_needs');
    t.text('diagnostic_recommendations');
    // ... or its part of the collective diagnostic of an accompaniment.
    t.bigInteger('shared_diagnostic_accompaniment_id').references('accompaniments.id');
    t.date('closed_on');
    t.text('closure_reason');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['operator_id', 'organisation_id']);
  });
  await knex.raw(`alter table pathways add constraint pathways_check
    check (status in ('open','closed') and (status = 'open' or (closed_on is not null and closure_reason is not null))
      and (closed_on is null or closed_on >= opened_on))`);
  await knex.raw('create index pathways_org_idx on pathways (organisation_id)');
  await knex.raw('create index pathways_coordinator_idx on pathways (coordinator_id, status)');
  await knex.raw('create index pathways_request_idx on pathways (intake_request_id)');

  await knex.schema.createTable('pathway_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('pathway_id').notNullable().references('pathways.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.date('happened_on').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.text('reason');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index pathway_transitions_idx on pathway_transitions (pathway_id, at)');

  await knex.schema.createTable('pathway_actions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('pathway_id').notNullable().references('pathways.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.text('status').notNullable().defaultTo('planned');
    t.text('title').notNullable();
    // The plan: when it should happen.
    t.date('target_on');
    // What happened: start and end (an appui-conseil or an offre locale is one day: started_on = ended_on).
    t.date('started_on');
    t.date('ended_on');
    // consultancy: the accompaniment (individual, or the collective one shared by several parcours).
    t.bigInteger('accompaniment_id').references('accompaniments.id').onDelete('CASCADE');
    // appui-conseil: hours given by the coordinator, subject in title.
    t.decimal('hours', 6, 2);
    // orientation: to which partner, and what came of it (known later).
    t.text('partner');
    t.text('outcome');
    t.date('outcome_on');
    // offre locale / formation collective: people attending from this structure.
    t.integer('attendance');
    t.text('notes');
    t.bigInteger('created_by').references('users.id');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table pathway_actions add constraint pathway_actions_check
    check (kind in ('consultancy','advice','orientation','local_offer')
      and status in ('planned','in_progress','done','cancelled')
      and (kind <> 'consultancy' or accompaniment_id is not null)
      and (kind = 'consultancy' or accompaniment_id is null)
      and (hours is null or hours >= 0) and (attendance is null or attendance >= 0)
      and (ended_on is null or started_on is null or ended_on >= started_on))`);
  await knex.raw('create index pathway_actions_pathway_idx on pathway_actions (pathway_id, kind, status)');
  await knex.raw(
    'create unique index pathway_actions_consultancy_unique on pathway_actions (pathway_id, accompaniment_id) where accompaniment_id is not null',
  );
  await knex.raw('create index pathway_actions_accompaniment_idx on pathway_actions (accompaniment_id)');

  await knex.schema.createTable('pathway_action_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('pathway_action_id').notNullable().references('pathway_actions.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.date('happened_on').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.text('reason');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index pathway_action_transitions_idx on pathway_action_transitions (pathway_action_id, at)');

  await knex.schema.createTable('pathway_checkpoints', (t) => {
    t.bigIncrements('id');
    t.bigInteger('pathway_id').notNullable().references('pathways.id').onDelete('CASCADE');
    t.integer('offset_months').notNullable();
    t.date('due_on').notNullable();
    t.date('held_on');
    t.integer('employees');
    t.integer('employees_in_insertion');
    t.text('notes');
    t.bigInteger('recorded_by').references('users.id');
    t.timestamp('recorded_at', { useTz: true });
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['pathway_id', 'offset_months']);
  });
  await knex.raw(`alter table pathway_checkpoints add constraint pathway_checkpoints_check
    check (offset_months > 0 and (employees is null or employees >= 0)
      and (employees_in_insertion is null or (employees_in_insertion >= 0 and (employees is null or employees_in_insertion <= employees))))`);

  await knex.schema.createTable('support_committee_members', (t) => {
    t.bigIncrements('id');
    t.bigInteger('operator_id').notNullable().references('organisations.id');
    t.text('name').notNullable();
    t.text('email');
    // funder, network, resource centre, expert, operator staff.
    t.text('member_kind').notNullable();
    // Their organisation: one known to Jalons, or its name as typed.
    t.bigInteger('organisation_id').references('organisations.id');
    t.text('organisation_name');
    // A member with a Jalons account sees the agenda (summaries) of the meetings.
    t.bigInteger('user_id').references('users.id');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table support_committee_members add constraint support_committee_members_kind_check
    check (member_kind in ('funder','network','resource_centre','expert','operator'))`);
  await knex.raw('create index support_committee_members_operator_idx on support_committee_members (operator_id)');
  await knex.raw('create index support_committee_members_user_idx on support_committee_members (user_id)');

  await knex.schema.createTable('support_committee_meetings', (t) => {
    t.bigIncrements('id');
    t.bigInteger('operator_id').notNullable().references('organisations.id');
    t.date('meets_on').notNullable();
    t.text('location');
    t.text('status').notNullable().defaultTo('planned');
    t.text('minutes');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table support_committee_meetings add constraint support_committee_meetings_status_check
    check (status in ('planned','held','cancelled'))`);
  await knex.raw(
    'create index support_committee_meetings_operator_idx on support_committee_meetings (operator_id, meets_on)',
  );

  await knex.schema.createTable('support_committee_meeting_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('meeting_id').notNullable().references('support_committee_meetings.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.date('happened_on').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.text('reason');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('support_committee_items', (t) => {
    t.bigIncrements('id');
    t.bigInteger('meeting_id').notNullable().references('support_committee_meetings.id').onDelete('CASCADE');
    t.bigInteger('pathway_id').notNullable().references('pathways.id').onDelete('CASCADE');
    // What is reviewed: the diagnostic, the plan, or the terms of reference of a consultancy.
    t.text('subject').notNullable();
    // The consultancy the item is about (subject 'terms_of_reference', or a plan item leading to one).
    t.bigInteger('accompaniment_id').references('accompaniments.id').onDelete('SET NULL');
    // What every member sees (outside members see this, not the full diagnostic).
    t.text('summary').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.text('opinion');
    t.text('opinion_comment');
    t.date('opinion_on');
    t.bigInteger('opinion_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table support_committee_items add constraint support_committee_items_check
    check (subject in ('diagnostic','plan','terms_of_reference')
      and (opinion is null or opinion in ('favorable','favorable_with_reservations','rework','unfavorable'))
      and ((opinion is null) = (opinion_on is null)))`);
  await knex.raw('create index support_committee_items_meeting_idx on support_committee_items (meeting_id, position)');
  await knex.raw('create index support_committee_items_pathway_idx on support_committee_items (pathway_id)');
  await knex.raw('create index support_committee_items_acc_idx on support_committee_items (accompaniment_id)');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'support_committee_items',
    'support_committee_meeting_transitions',
    'support_committee_meetings',
    'support_committee_members',
    'pathway_checkpoints',
    'pathway_action_transitions',
    'pathway_actions',
    'pathway_transitions',
    'pathways',
    'intake_request_transitions',
    'intake_requests',
    'operator_settings',
  ])
    await knex.schema.dropTable(table);
}
