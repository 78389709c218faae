import type { Knex } from 'knex';
import { consultancyFactsSql } from '../src/pathways/consultancy-status';

/**
 * Issue 19: every existing accompaniment becomes a consultancy action in the parcours of each of its
 * structures (accompaniment_beneficiaries, withdrawn ones included: their history is kept).
 *
 * - One parcours per (operator, structure), opened on the earliest intake of its cases, its
 *   coordinator the one of its latest case that has one; logged as opened on that day.
 * - A parcours whose every case is over (closed, referred, abandoned) is closed on the last of those
 *   days, with a reason saying so; logged.
 * - Each action's status, start and end come from the case (src/pathways/consultancy-status.ts, the
 *   one mapping, shared with the command that keeps it true afterwards: src/pathways/commands.ts).
 * - A parcours whose collective case has a diagnostic points to it (its part of the collective
 *   diagnostic), the latest such case when there are several.
 * Nothing is deleted or moved: every existing address keeps working. Set-based, idempotent (what is
 * already there is left alone), valid on PostgreSQL and PGlite.
 */
export const BACKFILL_CLOSURE_REASON =
  'Accompagnements terminés avant la création des parcours (reprise de l’historique).';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    insert into pathways (operator_id, organisation_id, coordinator_id, status, opened_on)
    select x.operator_id, x.organisation_id,
      (select a2.coordinator_id from accompaniments a2
         join accompaniment_beneficiaries b2 on b2.accompaniment_id = a2.id
        where a2.operator_id = x.operator_id and b2.organisation_id = x.organisation_id and a2.coordinator_id is not null
        order by a2.intake_on desc, a2.id desc limit 1),
      'open', x.opened_on
    from (select a.operator_id, b.organisation_id, min(a.intake_on) as opened_on
            from accompaniments a join accompaniment_beneficiaries b on b.accompaniment_id = a.id
           group by a.operator_id, b.organisation_id) x
    where not exists (select 1 from pathways p where p.operator_id = x.operator_id and p.organisation_id = x.organisation_id)`);
  await knex.raw(`
    insert into pathway_transitions (pathway_id, event, from_status, to_status, happened_on, reason)
    select p.id, 'open', null, 'open', p.opened_on, 'backfill' from pathways p
    where not exists (select 1 from pathway_transitions t where t.pathway_id = p.id)`);

  await knex.raw(`
    insert into pathway_actions (pathway_id, kind, status, title, target_on, started_on, ended_on, accompaniment_id)
    select p.id, 'consultancy', f.status, a.title, a.planned_start, f.started_on, f.ended_on, a.id
    from (${consultancyFactsSql()}) f
    join accompaniments a on a.id = f.accompaniment_id
    join pathways p on p.operator_id = a.operator_id and p.organisation_id = f.organisation_id
    where not exists (select 1 from pathway_actions x where x.pathway_id = p.id and x.accompaniment_id = a.id)`);
  await knex.raw(`
    insert into pathway_action_transitions (pathway_action_id, event, from_status, to_status, happened_on, reason)
    select x.id, 'create', null, x.status, a.intake_on, 'backfill'
    from pathway_actions x join accompaniments a on a.id = x.accompaniment_id
    where not exists (select 1 from pathway_action_transitions t where t.pathway_action_id = x.id)`);

  // Closed: every case of the parcours is over; on the day the last one ended.
  await knex.raw(
    `
    with ended as (
      select p.id, max(t.on_date) as closed_on
        from pathways p
        join pathway_actions x on x.pathway_id = p.id
        join accompaniments a on a.id = x.accompaniment_id
        left join accompaniment_transitions t on t.accompaniment_id = a.id and t.to_state = a.state
       where p.status = 'open'
       group by p.id
      having bool_and(a.state in ('closed','referred','abandoned')) and bool_and(x.kind = 'consultancy'))
    update pathways p set status = 'closed', closed_on = greatest(ended.closed_on, p.opened_on), closure_reason = ?
      from ended
     where p.id = ended.id and ended.closed_on is not null
       and not exists (select 1 from pathway_transitions t where t.pathway_id = p.id and t.event <> 'open')`,
    [BACKFILL_CLOSURE_REASON],
  );
  await knex.raw(
    `
    insert into pathway_transitions (pathway_id, event, from_status, to_status, happened_on, reason)
    select p.id, 'close', 'open', 'closed', p.closed_on, p.closure_reason from pathways p
    where p.status = 'closed' and p.closure_reason = ?
      and not exists (select 1 from pathway_transitions t where t.pathway_id = p.id and t.event = 'close')`,
    [BACKFILL_CLOSURE_REASON],
  );

  await knex.raw(`
    update pathways p set shared_diagnostic_accompaniment_id = (
      select a.id from pathway_actions x join accompaniments a on a.id = x.accompaniment_id
        join diagnostics d on d.accompaniment_id = a.id
       where x.pathway_id = p.id and a.kind = 'collective'
       order by a.intake_on desc, a.id desc limit 1)
    where p.shared_diagnostic_accompaniment_id is null and p.diagnostic_summary is null
      and exists (select 1 from pathway_actions x join accompaniments a on a.id = x.accompaniment_id
        join diagnostics d on d.accompaniment_id = a.id where x.pathway_id = p.id and a.kind = 'collective')`);
}

/** Nothing to undo: the tables themselves go with migrations/20261207800100_pathways.ts's down. */
export async function down(): Promise<void> {}
