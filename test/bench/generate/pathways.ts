import type { Db } from '../../../src/platform/db';
import { up as backfillPathways } from '../../../migrations/20261207820100_pathways_backfill';
import { orgBase, rnd, userBase, type Plan } from './plan';

const PARTNERS = `array['France Active','URSIEA','OPCO Uniformation','Initiative France','CRESS','Réseau COORACE']`;
const CHANNELS = `array['phone','email','event','partner_referral','other']`;
/** Months of comité d'appui meetings per operator: the last two years and the next month. */
const MEETING_MONTHS = 26;

/**
 * The DLA parcours of issue 19 over the generated cases: every case becomes a consultancy action of
 * its structures' parcours by the application's own backfill (migrations/20261207820100_pathways_backfill.ts);
 * every structure without a case gets a parcours too (appui-conseil, orientations, local offers);
 * `plan.intakeRequests` requests, the first ones opening a parcours, the others oriented, not
 * eligible, without follow-up or still open (the recent ones); each operator's comité d'appui meets
 * monthly and gives its opinion on the diagnostics of the month before.
 */
export async function generatePathways(db: Db, p: Plan) {
  const o = orgBase(p);
  const u = userBase(p);
  const coordinatorOfOperator = (op: string, salt: string) =>
    `(${u.coordinator} + (${op} - 1) * 3 + (${salt}) % 3 + 1)`;
  await backfillPathways(db);

  // A parcours for every structure without a case, at the operator of its département's block.
  await db.raw(`
    insert into pathways (operator_id, organisation_id, coordinator_id, status, opened_on)
    select op, ${o.structure} + s, ${coordinatorOfOperator('op', 's')}, 'open',
           date '${p.anchor}' - 30 - floor(${rnd('s', 60)} * 900)::int
      from generate_series(1, ${p.structures}) s cross join lateral (select (s - 1) % ${p.operators} + 1 as op) x
     where not exists (select 1 from pathways q where q.organisation_id = ${o.structure} + s)
     order by s`);
  await db.raw(`
    insert into pathway_transitions (pathway_id, event, from_status, to_status, happened_on, reason)
    select id, 'open', null, 'open', opened_on, null from pathways
     where not exists (select 1 from pathway_transitions t where t.pathway_id = pathways.id) order by id`);

  // Requests: request g opens parcours g (received 5 to 30 days before it opened) for the first
  // 55 %; the others at operator (g-1) % O + 1, for any structure.
  const linked = `least((select count(*) from pathways), ${Math.round(p.intakeRequests * 0.55)})`;
  await db.raw(`
    insert into intake_requests (id, operator_id, organisation_id, contact_name, contact_email, received_on, channel, referred_by, need,
                                 eligibility_met, owner_id, status, outcome_on, outcome_partner, outcome_reason, created_by, created_at, updated_at)
    select g, r.operator_id, r.organisation_id, 'Contact demande ' || g, 'contact' || g || '@structure.bench.test', r.received_on,
           ch.channel, case when ch.channel = 'partner_referral' then (${PARTNERS})[floor(${rnd('g', 63)} * 6)::int + 1] end,
           (array['Consolider le modèle économique','Structurer la gouvernance','Recruter et fidéliser','Développer une activité','Mutualiser des fonctions support'])[floor(${rnd('g', 64)} * 5)::int + 1],
           array['Structure d''utilité sociale','Emploi salarié'], r.owner_id, r.status,
           case when r.status <> 'received' then r.outcome_on end,
           case when r.status = 'oriented' then (${PARTNERS})[floor(${rnd('g', 65)} * 6)::int + 1] end,
           case when r.status in ('not_eligible','no_follow_up') then 'Motif consigné lors de l''accueil' end,
           r.owner_id, r.received_on + time '09:30', coalesce(r.outcome_on, r.received_on) + time '17:00'
      from generate_series(1, ${p.intakeRequests}) g
      cross join lateral (select (${CHANNELS})[floor(${rnd('g', 62)} * 5)::int + 1] as channel) ch
      left join pathways pw on pw.id = g and g <= ${linked}
      cross join lateral (select ${rnd('g', 61)} as x, (g - 1) % ${p.operators} + 1 as op) d
      cross join lateral (select
           coalesce(pw.operator_id, d.op) as operator_id,
           coalesce(pw.organisation_id, ${o.structure} + (g * 7919) % ${p.structures} + 1) as organisation_id,
           coalesce(pw.coordinator_id, ${coordinatorOfOperator('d.op', 'g')}) as owner_id,
           case when pw.id is not null then pw.opened_on - 5 - floor(${rnd('g', 66)} * 25)::int
                when d.x >= .8 then date '${p.anchor}' - floor(${rnd('g', 66)} * 60)::int
                else date '${p.anchor}' - 60 - floor(${rnd('g', 66)} * 1400)::int end as received_on,
           case when pw.id is not null then 'diagnostic' when d.x < .45 then 'oriented' when d.x < .6 then 'not_eligible'
                when d.x < .8 then 'no_follow_up' else 'received' end as status,
           case when pw.id is not null then pw.opened_on end as opened_on) r0
      cross join lateral (select r0.*, coalesce(r0.opened_on, r0.received_on + 3 + floor(${rnd('g', 67)} * 30)::int) as outcome_on) r
     order by g`);
  await db.raw(`update pathways p set intake_request_id = p.id where p.id <= ${linked}`);
  await db.raw(`
    insert into intake_request_transitions (intake_request_id, event, from_status, to_status, happened_on, actor_id, reason, at)
    select id, 'create', null, 'received', received_on, created_by, null, received_on + time '09:30' from intake_requests
    union all
    select id, case status when 'diagnostic' then 'open_diagnostic' when 'oriented' then 'orient'
                           when 'not_eligible' then 'declare_not_eligible' else 'close_without_follow_up' end,
           'received', status, outcome_on, owner_id, outcome_reason, outcome_on + time '17:00'
      from intake_requests where status <> 'received'
     order by 1, 5`);

  // Their own diagnostic for 70 % of the parcours without a collective one, when it is due.
  await db.raw(`
    update pathways set diagnosed_on = opened_on + 20 + floor(${rnd('id', 68)} * 40)::int,
           diagnostic_summary = 'Diagnostic partagé du parcours ' || id,
           diagnostic_needs = 'Besoins : modèle économique, gouvernance',
           diagnostic_recommendations = 'Appui-conseil puis accompagnement individuel'
     where shared_diagnostic_accompaniment_id is null and ${rnd('id', 69)} < .7
       and opened_on + 60 < date '${p.anchor}'`);

  // Actions besides the consultancies, each on one day: 0 to 2 appui-conseil (at least one in a
  // parcours without a case), an orientation for a fifth, a local offer for a tenth; planned (with
  // that day as target) while the day is still to come. `fields`: title, hours, partner, outcome, attendance.
  const actions = (kind: string, count: string, salt: number, fields: string) =>
    db.raw(`
    insert into pathway_actions (pathway_id, kind, status, target_on, started_on, ended_on, created_by, title, hours, partner, outcome, attendance)
    select p.id, '${kind}', case when d.past then 'done' else 'planned' end, d.on_date,
           case when d.past then d.on_date end, case when d.past then d.on_date end, p.coordinator_id, ${fields}
      from pathways p cross join lateral generate_series(1, ${count}) i
      cross join lateral (select p.opened_on + 15 + i * 30 + floor(${rnd('p.id * 10 + i', salt)} * 20)::int as on_date) d0
      cross join lateral (select d0.on_date, d0.on_date < date '${p.anchor}' as past) d
     order by p.id, i`);
  await actions(
    'advice',
    `case when exists (select 1 from pathway_actions c where c.pathway_id = p.id) then floor(${rnd('p.id', 70)} * 3)::int
          else 1 + floor(${rnd('p.id', 70)} * 2)::int end`,
    71,
    `(array['Budget prévisionnel','Dossier de subvention','Gouvernance associative','Plan de trésorerie'])[floor(${rnd('p.id * 10 + i', 72)} * 4)::int + 1],
     1 + floor(${rnd('p.id * 10 + i', 73)} * 11) / 2.0, null, null, null`,
  );
  await actions(
    'orientation',
    `case when ${rnd('p.id', 74)} < .2 then 1 else 0 end`,
    75,
    `'Orientation vers un partenaire', null, (${PARTNERS})[floor(${rnd('p.id', 76)} * 6)::int + 1],
     case when d.past then 'Prise de contact faite' end, null`,
  );
  await actions(
    'local_offer',
    `case when ${rnd('p.id', 77)} < .1 then 1 else 0 end`,
    78,
    `'Formation collective : fonction employeur', null, null, null, 1 + floor(${rnd('p.id', 79)} * 4)::int`,
  );
  await db.raw(`
    insert into pathway_action_transitions (pathway_action_id, event, from_status, to_status, happened_on, actor_id, reason)
    select a.id, 'create', null, a.status, coalesce(a.started_on, p.opened_on), a.created_by, null
      from pathway_actions a join pathways p on p.id = a.pathway_id
     where not exists (select 1 from pathway_action_transitions t where t.pathway_action_id = a.id)
     order by a.id`);

  // Each operator's settings, comité d'appui (four members, one of them a funder's user) and meetings.
  await db.raw(`
    insert into operator_settings (operator_id, eligibility_criteria, intake_reminder_days)
    select g, array['Structure d''utilité sociale','Emploi salarié','Projet de consolidation'], 15
      from generate_series(1, ${p.operators}) g`);
  await db.raw(`
    insert into support_committee_members (operator_id, name, member_kind, organisation_id, organisation_name, user_id)
    select g, m.name, m.kind, case when m.kind = 'funder' then ${o.funder} + (g - 1) % ${p.funders} + 1 end, m.org,
           case when m.kind = 'funder' and g <= ${p.funderUsers} then ${u.funder} + g end
      from generate_series(1, ${p.operators}) g
      cross join (values ('Représentant·e DDETS', 'funder', null), ('Chargé·e Banque des Territoires', 'funder', null),
                         ('Délégué·e réseau IAE', 'network', 'Réseau IAE'), ('Conseiller·e CRESS', 'resource_centre', 'CRESS')) m(name, kind, org)
     order by g`);
  const meetsOn = (m: string) =>
    `(date_trunc('month', date '${p.anchor}') - interval '${MEETING_MONTHS - 2} months' + make_interval(months => ${m} - 1) + interval '14 days')::date`;
  await db.raw(`
    insert into support_committee_meetings (id, operator_id, meets_on, location, status, minutes)
    select (g - 1) * ${MEETING_MONTHS} + m, g, ${meetsOn('m')}, 'Locaux de l''opérateur',
           case when ${meetsOn('m')} < date '${p.anchor}' then 'held' else 'planned' end,
           case when ${meetsOn('m')} < date '${p.anchor}' then 'Avis rendus sur les diagnostics présentés.' end
      from generate_series(1, ${p.operators}) g cross join generate_series(1, ${MEETING_MONTHS}) m
     order by g, m`);
  // The diagnostic of each parcours goes to its operator's first meeting after it.
  await db.raw(`
    insert into support_committee_items (meeting_id, pathway_id, subject, summary, position, opinion, opinion_on, opinion_comment)
    select mt.id, x.id, 'diagnostic', 'Synthèse du diagnostic du parcours ' || x.id,
           row_number() over (partition by mt.id order by x.id), op.opinion,
           case when op.opinion is not null then mt.meets_on end,
           case when op.opinion in ('rework','unfavorable') then 'Préciser les besoins et le plan d''actions' end
      from (select p.id, p.operator_id, coalesce(p.diagnosed_on, a.diagnosed_on) as diagnosed_on
              from pathways p left join accompaniments a on a.id = p.shared_diagnostic_accompaniment_id) x
      cross join lateral (select m2.id, m2.meets_on, m2.status from support_committee_meetings m2
                           where m2.operator_id = x.operator_id and m2.meets_on > x.diagnosed_on
                           order by m2.meets_on limit 1) mt
      cross join lateral (select case when mt.status <> 'held' then null
             when ${rnd('x.id', 80)} < .7 then 'favorable' when ${rnd('x.id', 80)} < .85 then 'favorable_with_reservations'
             when ${rnd('x.id', 80)} < .95 then 'rework' else 'unfavorable' end as opinion) op
     where x.diagnosed_on is not null
     order by x.id`);
  // A past meeting with nothing on its agenda was cancelled (a meeting is held about something).
  await db.raw(`
    update support_committee_meetings m set status = 'cancelled', minutes = null
     where m.status = 'held' and not exists (select 1 from support_committee_items i where i.meeting_id = m.id)`);
  await db.raw(`
    insert into support_committee_meeting_transitions (meeting_id, event, from_status, to_status, happened_on, reason)
    select id, 'create', null, 'planned', meets_on - 30, null from support_committee_meetings
    union all
    select id, case status when 'held' then 'hold' else 'cancel' end, 'planned', status, meets_on,
           case when status = 'cancelled' then 'Aucun dossier à examiner' end
      from support_committee_meetings where status <> 'planned'
     order by 1, 5`);
}
