import type { Knex } from 'knex';

/**
 * The comité d'appui's gate (src/support-committee/gate.ts): a consultancy's consultation opens only
 * once the committee gave a favourable opinion, unless its kind is exempt or a manager or an admin
 * overrides it. An override is a decision with its reason and its day, kept here (the gate reads it,
 * the case page shows it, the audit log has it as 'support_committee.override').
 *
 * Also: the meeting log gets the index the other transition logs have, and a cancellation needs its
 * reason (the other moves' reason is optional).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('support_committee_overrides', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.text('reason').notNullable();
    t.date('decided_on').notNullable();
    t.bigInteger('decided_by').notNullable().references('users.id');
    t.timestamp('decided_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table support_committee_overrides add constraint support_committee_overrides_reason_check
    check (length(trim(reason)) > 0)`);
  await knex.raw('create index support_committee_overrides_acc_idx on support_committee_overrides (accompaniment_id)');

  await knex.raw(
    'create index support_committee_meeting_transitions_idx on support_committee_meeting_transitions (meeting_id, at)',
  );
  await knex.raw(`alter table support_committee_meeting_transitions add constraint support_committee_meeting_transitions_check
    check (event in ('create','hold','cancel')
      and (from_status is null or from_status in ('planned','held','cancelled'))
      and to_status in ('planned','held','cancelled')
      and (event <> 'cancel' or length(trim(coalesce(reason, ''))) > 0))`);
  // An outside member's home lists the meetings of the committees the user sits on.
  await knex.raw(
    'create index support_committee_members_user_active_idx on support_committee_members (user_id, operator_id) where active',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists support_committee_members_user_active_idx');
  await knex.raw(
    'alter table support_committee_meeting_transitions drop constraint if exists support_committee_meeting_transitions_check',
  );
  await knex.raw('drop index if exists support_committee_meeting_transitions_idx');
  await knex.schema.dropTable('support_committee_overrides');
}
