import type { Db } from '../../../src/platform/db';
import { orgBase, rnd, userBase, type Plan } from './plan';

/**
 * What each stage of the life of a case leaves behind, for the cases that reached it:
 * diagnostic, consultation (three bids, one selected from the convention on), phases, notices,
 * close-out, handoff to a relay and follow-up checkpoints.
 */
export async function generateStages(db: Db, p: Plan) {
  const o = orgBase(p);
  await db.raw(`
    insert into diagnostics (accompaniment_id, findings, context, recommendations, days, written_on)
    select n, 'Constats partagés du diagnostic n° ' || n, 'Contexte de la structure', 'Recommandations du diagnostic', 2.5, intake_on + step / 2
      from bench_plan where reached >= 1 order by n`);
  await db.raw(`
    insert into diagnostic_objectives (accompaniment_id, theme, aim, position)
    select n, (array['gouvernance','modèle économique','ressources humaines'])[k], 'Objectif ' || k || ' du cas ' || n, k
      from bench_plan cross join generate_series(1, 2) k where reached >= 1 order by n, k`);

  // Bid ids are explicit: bid j (0..2) of case n is 3(n-1)+j+1, the selected one is j = 0.
  await db.raw(`
    insert into consultation_bids (id, accompaniment_id, provider_id, invited_on, status, received_on, proposal_days, proposal_price_eur, method)
    select 3 * (n - 1) + j + 1, n, ${o.provider} + ((n * 3 + j) % ${p.providers}) + 1, intake_on + 2 * step,
           case when reached >= 3 then (case when j = 0 then 'selected' else 'not_selected' end) else (case when j = 0 then 'proposed' else 'invited' end) end,
           case when reached >= 3 or j = 0 then intake_on + 2 * step + 15 end,
           case when reached >= 3 or j = 0 then 10 + j end, case when reached >= 3 or j = 0 then (10 + j) * 950 end,
           case when reached >= 3 or j = 0 then 'Entretiens et ateliers collectifs' end
      from bench_plan cross join generate_series(0, 2) j where reached >= 2 order by n, j`);
  await db.raw(`
    insert into consultations (accompaniment_id, objectives, days, budget_eur, deadline, launched_on, selected_bid_id, selection_rationale, selected_on, selected_by)
    select n, 'Cahier des charges du cas ' || n, 12, 11400, intake_on + 2 * step + 20, intake_on + 2 * step,
           case when reached >= 3 then 3 * (n - 1) + 1 end, case when reached >= 3 then 'Meilleure note sur la grille' end,
           case when reached >= 3 then intake_on + 3 * step end, case when reached >= 3 then coordinator_id end
      from bench_plan where reached >= 2 order by n`);
  // Each bid's log (consultations/bid-lifecycle.ts): invited, its proposal received, then the
  // decision on the consultation's selection day, by the case's coordinator.
  await db.raw(`
    insert into consultation_bid_transitions (bid_id, event, from_status, to_status, happened_on, actor_id, at)
    select b.id, 'invite', null, 'invited', b.invited_on, p.coordinator_id, b.invited_on + time '09:00'
      from consultation_bids b join bench_plan p on p.n = b.accompaniment_id
    union all
    select b.id, 'propose', 'invited', 'proposed', b.received_on, p.coordinator_id, b.received_on + time '09:00'
      from consultation_bids b join bench_plan p on p.n = b.accompaniment_id
     where b.received_on is not null
    union all
    select b.id, case when b.status = 'selected' then 'select' else 'set_aside' end, 'proposed', b.status,
           c.selected_on, p.coordinator_id, c.selected_on + time '10:00'
      from consultation_bids b join bench_plan p on p.n = b.accompaniment_id
      join consultations c on c.accompaniment_id = b.accompaniment_id
     where b.status in ('selected', 'not_selected')
     order by 1, 5`);

  // Three phases from the convention on; their state follows the case's own "now" (today while
  // it runs, its last transition once it stopped), all done once close-out is reached.
  await db.raw(`
    insert into phases (id, accompaniment_id, position, name, planned_start, planned_end, actual_start, actual_end, status)
    select 3 * (n - 1) + k, n, k,
           (array['Projet politique et organisation stratégique','Réflexions stratégiques en groupes de travail','Mise en place opérationnelle'])[k],
           ps, pe,
           case when status <> 'planned' then ps end, case when status = 'done' then pe end, status
      from bench_plan cross join generate_series(1, 3) k
      cross join lateral (select intake_on + 4 * step + (k - 1) * 90 as ps, intake_on + 4 * step + k * 90 - 10 as pe,
                                 case when state = 'delivery' then date '${p.anchor}' else last_on end as now_c) d
      cross join lateral (select case when reached >= 5 then 'done' when reached < 4 then 'planned'
                                      when pe < now_c then 'done' when ps <= now_c then 'in_progress' else 'planned' end as status) s
     where reached >= 3 order by n, k`);
  await db.raw(`
    insert into notices (accompaniment_id, kind, on_date, recipients, content, created_by, created_at)
    select n, 'funders_informed', intake_on + 3 * step, 'Financeurs du dispositif', 'Convention transmise', coordinator_id, intake_on + 3 * step + time '09:00'
      from bench_plan where reached >= 3 order by n`);

  await db.raw(`
    insert into close_outs (accompaniment_id, new_needs, updated_by, updated_at)
    select n, array['Formation des administrateurs'], coordinator_id, intake_on + 5 * step + time '12:00'
      from bench_plan where reached >= 5 and not exits order by n`);
  await db.raw(`
    insert into satisfaction_surveys (accompaniment_id, organisation_id, score_quality, score_listening, score_deliverables, score_overall,
                                      comment, answered_by, on_behalf, created_at, updated_at)
    select b.accompaniment_id, b.organisation_id, 3 + floor(${rnd('b.id', 40)} * 3)::int, 4, 3 + floor(${rnd('b.id', 41)} * 3)::int, 4,
           'Accompagnement utile', p.coordinator_id, true, p.intake_on + 5 * p.step + time '12:00', p.intake_on + 5 * p.step + time '12:00'
      from bench_plan p join accompaniment_beneficiaries b on b.accompaniment_id = p.n
     where p.reached >= 5 and not p.exits and b.status = 'active'
     order by b.id`);

  const ack = `intake_on + 6 * step < date '${p.anchor}' - 30`;
  const u = userBase(p);
  await db.raw(`
    insert into handoffs (id, accompaniment_id, relay_id, summary, management_committee, workstreams, handed_off_on, handed_off_by,
                          acknowledged_at, acknowledged_by, created_at, updated_at)
    select n, n, ${o.relay} + (n % ${p.relays}) + 1, 'Synthèse transmise au relais pour le cas ' || n, 'Comité de gestion mensuel',
           array['Suivi de l''emploi','Partenariats locaux'], intake_on + 6 * step, coordinator_id,
           -- Relays acknowledge a handoff within days (the reminder job insists after a week): every
           -- handoff older than a month is acknowledged, 2 to 11 days after it was made, by the
           -- relay's user (relay r has user r, when there is one); the last month's still wait.
           case when ${ack} then intake_on + 6 * step + 2 + floor(${rnd('n', 55)} * 10)::int + time '10:00' end,
           case when ${ack} and (n % ${p.relays}) + 1 <= ${p.relayUsers} then ${u.relay} + (n % ${p.relays}) + 1 end,
           intake_on + 6 * step + time '09:00', intake_on + 6 * step + time '09:00'
      from bench_plan where reached >= 6 and not exits order by n`);
  const rating = (salt: number) =>
    `(array['improved','stable','degraded','unknown'])[floor(${rnd('n * 10 + m', salt)} * 4)::int + 1]`;
  await db.raw(`
    insert into follow_up_checkpoints (accompaniment_id, offset_months, due_on, jobs_rating, economic_health_rating, strategic_vision_rating,
                                       local_partnerships_rating, employees, notes, recorded_at, recorded_by)
    select n, m, due, ${rating(50)}, ${rating(51)}, ${rating(52)}, ${rating(53)}, 10, 'Point de suivi',
           due + time '10:00', coordinator_id
      from bench_plan cross join unnest(array[6, 12, 18]) m
      cross join lateral (select (intake_on + 6 * step + make_interval(months => m))::date as due) d
     where reached >= 6 and not exits and due < date '${p.anchor}' and ${rnd('n * 10 + m', 54)} < .8
    union all
    select n, m, due, null, null, null, null, null, null, null, null
      from bench_plan cross join unnest(array[6, 12, 18]) m
      cross join lateral (select (intake_on + 6 * step + make_interval(months => m))::date as due) d
     where reached >= 6 and not exits and not (due < date '${p.anchor}' and ${rnd('n * 10 + m', 54)} < .8)`);
}
