import type { Db } from '../../../src/platform/db';
import { coordinatorOf, operatorOf, orgBase, rnd, type Plan } from './plan';

/** The normal path of a case; `reached` is the index of the last normal state it got to. */
export const PATH = [
  'intake',
  'diagnostic',
  'consultation',
  'convention',
  'delivery',
  'close_out',
  'follow_up',
  'closed',
];
export const PATH_SQL = `array[${PATH.map((s) => `'${s}'`).join(',')}]`;

/**
 * bench_plan: one row per accompaniment with its drawn facts (state, kind, how far it got, the
 * days between two states, its intake date, how many structures). Accompaniment 1 is the rich
 * case: collective, in delivery, six structures, owned by the known coordinator.
 */
export async function generatePlan(db: Db, p: Plan) {
  await db.raw('drop table if exists bench_plan');
  // Cumulative shares of the states: 5% intake, 8% diagnostic, 7% consultation, 5% convention,
  // 25% delivery, 8% close-out, 12% follow-up, 20% closed, 5% referred, 5% abandoned.
  const state = `case when g = 1 then 'delivery' else case
      when r.s < .05 then 'intake' when r.s < .13 then 'diagnostic' when r.s < .20 then 'consultation'
      when r.s < .25 then 'convention' when r.s < .50 then 'delivery' when r.s < .58 then 'close_out'
      when r.s < .70 then 'follow_up' when r.s < .90 then 'closed' when r.s < .95 then 'referred' else 'abandoned' end end`;
  await db.raw(`
    create table bench_plan as
    select g as n, st.state, st.kind, st.reached, st.exits, st.step, st.nb,
           (date '${p.anchor}' - (st.reached * st.step + case when st.exits then st.step / 2 else 0 end + 20 + floor(${rnd('g', 15)} * 200)::int
             + case when st.state in ('closed','referred','abandoned') then floor(${rnd('g', 16)} * 1500)::int else 0 end)) as intake_on
      from generate_series(1, ${p.accompaniments}) g
      cross join lateral (select ${rnd('g', 11)} as s, ${rnd('g', 14)} as k) r
      cross join lateral (select ${state} as state) s0
      cross join lateral (select s0.state,
             case when g = 1 or r.k >= .55 then 'collective' else 'individual' end as kind,
             s0.state in ('referred','abandoned') as exits,
             case when s0.state in ('referred','abandoned') then 1 + floor(${rnd('g', 12)} * 4)::int
                  else array_position(${PATH_SQL}, s0.state) - 1 end as reached,
             35 + floor(${rnd('g', 13)} * 50)::int as step,
             case when g = 1 then 6 when g <> 1 and r.k < .55 then 1 else 2 + floor(${rnd('g', 17)} * 5)::int end as nb) st`);
  await db.raw(`alter table bench_plan add primary key (n),
    add column last_on date, add column coordinator_id bigint, add column operator_id bigint`);
  await db.raw(`update bench_plan set last_on = intake_on + reached * step + case when exits then step / 2 else 0 end,
    operator_id = ${operatorOf(p, 'n')}, coordinator_id = ${coordinatorOf(p, 'n')}`);
}

/** Accompaniments, their structures (with join/withdrawal history), funding and transitions. */
export async function generateCases(db: Db, p: Plan) {
  const o = orgBase(p);
  await db.raw(`
    insert into accompaniments (id, operator_id, coordinator_id, title, kind, state, sector, department, themes, objectives,
                                budget_days, budget_eur, intake_on, planned_start, planned_end, created_at, updated_at)
    select n, operator_id, coordinator_id,
           (array['Consolidation du modèle économique','Structuration de la gouvernance','Stratégie de développement',
                  'Mutualisation de fonctions support','Diversification des activités','Rapprochement de structures'])
             [floor(${rnd('n', 20)} * 6)::int + 1] || ' n° ' || n,
           kind, state,
           (array['environnement','btp','alimentation','social','culture'])[floor(${rnd('n', 21)} * 5)::int + 1],
           lpad(((operator_id - 1) % 95 + 1)::text, 2, '0'),
           case when ${rnd('n', 22)} < .5 then array['gouvernance','modèle économique']
                else array[(array['ressources humaines','stratégie','partenariats','communication'])[floor(${rnd('n', 23)} * 4)::int + 1]] end,
           'Objectifs de l''accompagnement n° ' || n,
           case when reached >= 3 then b.days end, case when reached >= 3 then b.days * 950 end,
           intake_on,
           case when reached >= 3 then intake_on + 4 * step end,
           case when reached >= 3 then intake_on + 4 * step + 270 end,
           intake_on::timestamptz, last_on + time '16:00'
      from bench_plan cross join lateral (select (8 + floor(${rnd('n', 24)} * 40)) / 2.0 as days) b
     order by n`);

  // Structure j of case n: spread over the structures, never twice in one case.
  const structure = `${o.structure} + ((p.n * 7 + j * 2917) % ${p.structures}) + 1`;
  const withdrawn = `(j > 0 and ${rnd('p.n * 10 + j', 30)} < .06)`;
  await db.raw(`
    insert into accompaniment_beneficiaries (accompaniment_id, organisation_id, status, joined_on, withdrawn_on, withdrawal_reasons, may_rejoin)
    select p.n, ${structure}, case when ${withdrawn} then 'withdrawn' else 'active' end, p.intake_on,
           case when ${withdrawn} then p.intake_on + p.step end,
           case when ${withdrawn} then 'Priorités internes revues, la structure se retire du collectif' end,
           case when ${withdrawn} then 'Oui, à la phase suivante' end
      from bench_plan p cross join lateral generate_series(0, p.nb - 1) j
     order by p.n, j
    on conflict do nothing`);
  await db.raw(`
    insert into beneficiary_changes (accompaniment_id, organisation_id, change, on_date, reasons, actor_id, at)
    select b.accompaniment_id, b.organisation_id, c.change, c.on_date, c.reasons, p.coordinator_id, c.on_date + time '11:00'
      from accompaniment_beneficiaries b join bench_plan p on p.n = b.accompaniment_id
      cross join lateral (values ('joined', b.joined_on, null), ('withdrawn', b.withdrawn_on, b.withdrawal_reasons)) c(change, on_date, reasons)
     where c.on_date is not null
     order by b.id, c.change`);

  // Funding is settled by the convention: from the consultation on, one to three funders.
  await db.raw(`
    insert into accompaniment_funding (accompaniment_id, funder_id, amount_eur)
    select p.n, ${o.funder} + ((p.n + j * 7) % ${p.funders}) + 1, round(((8 + floor(${rnd('p.n * 10 + j', 31)} * 40)) * 950 / (j + 2.0))::numeric, 2)
      from bench_plan p cross join lateral generate_series(0, floor(${rnd('p.n', 32)} * 3)::int) j
     where p.reached >= 2
     order by p.n, j
    on conflict do nothing`);

  await db.raw(`
    insert into accompaniment_transitions (accompaniment_id, from_state, to_state, actor_id, on_date, at, comment)
    select n, from_state, to_state, coordinator_id, on_date, on_date + time '10:00', comment from (
      select p.n, case when i = 0 then null else (${PATH_SQL})[i] end as from_state, (${PATH_SQL})[i + 1] as to_state,
             p.coordinator_id, p.intake_on + i * p.step as on_date, null as comment, i
        from bench_plan p cross join lateral generate_series(0, p.reached) i
      union all
      select p.n, (${PATH_SQL})[p.reached + 1], p.state, p.coordinator_id, p.last_on,
             case when p.state = 'referred' then 'Besoin réorienté vers un autre dispositif' else 'La structure a mis fin à la démarche' end, 99
        from bench_plan p where p.exits) t
    order by n, i`);
}
