import type { Db } from '../../../src/platform/db';
import { rnd, type Plan } from './plan';

type Batch = { firstId: number; count: number; where: string; linkPhases: boolean };

/**
 * Sessions (ids firstId..firstId+count-1) spread at random over the cases matching `where`
 * (from the diagnostic on), between the diagnostic and the case's end (or 4 months from now
 * while it runs). Past ones are held or closed with minutes; future ones planned.
 */
async function insertSessions(db: Db, p: Plan, b: Batch) {
  await db.raw('drop table if exists bench_elig');
  await db.raw(`create table bench_elig as
    select row_number() over (order by n) as e, n, coordinator_id, intake_on + step as start_on,
           case when state in ('closed','referred','abandoned') then last_on else date '${p.anchor}' + 120 end as end_on,
           state in ('closed','referred','abandoned') as final
      from bench_plan where reached >= 1 and (${b.where})`);
  await db.raw('alter table bench_elig add primary key (e)');
  const { rows } = await db.raw('select count(*)::int as n from bench_elig');
  const eligible = rows[0].n as number;
  const type = `case when r.t < .35 then 'interview' when r.t < .50 then 'steering_committee' when r.t < .70 then 'working_group'
                     when r.t < .75 then 'kickoff' when r.t < .85 then 'restitution' else 'follow_up' end`;
  await db.raw(`
    insert into sessions (id, accompaniment_id, type, title, starts_at, ends_at, place, phase_id, agenda, days_consumed,
                          minutes, decisions, status, logged_by, validated_at, validated_by, created_at, updated_at)
    select id, n, type, initcap(replace(type, '_', ' ')) || ' n° ' || id, st, st + interval '2 hours 30 minutes', 'Locaux de la structure',
           ${b.linkPhases ? `(select ph.id from phases ph where ph.accompaniment_id = n and ph.planned_start <= day order by ph.position desc limit 1) as phase_id` : 'null'},
           'Ordre du jour de la séance', case when status = 'planned' then 0 else 0.25 * floor(${rnd('id', 63)} * 9) end,
           case when status <> 'planned' then 'Compte rendu de la séance ' || id end,
           case when status = 'closed' then 'Décisions prises en séance' end,
           status, coordinator_id, case when status = 'closed' then st + interval '3 days' end,
           case when status = 'closed' then coordinator_id end,
           least(st, now()) - interval '7 days', least(st, now()) - interval '7 days' + case when status = 'planned' then interval '0' else interval '8 days' end
      from (select g as id, el.n, el.coordinator_id, d.day, ${type} as type,
                   (d.day + case when ${rnd('g', 62)} < .5 then time '09:00' else time '14:00' end) at time zone 'Europe/Paris' as st,
                   case when el.final then 'closed' when d.day >= date '${p.anchor}' then 'planned'
                        when ${rnd('g', 64)} < .85 then 'closed' else 'held' end as status
              from generate_series(${b.firstId}, ${b.firstId + b.count - 1}) g
              cross join lateral (select ${rnd('g', 65)} as t) r
              join bench_elig el on el.e = floor(${rnd('g', 60)} * ${eligible})::int + 1
              cross join lateral (select el.start_on + floor(${rnd('g', 61)} * (el.end_on - el.start_on + 1))::int as day) d) s
     order by id`);
  await db.raw(`
    insert into session_attendees (session_id, user_id, name, organisation_name, presence, invitation_sent_at)
    select s.id, case when j = 1 then s.logged_by end, case when j = 1 then 'Chargé·e de mission' else 'Participant·e ' || j end,
           case when j = 1 then null else 'Structure accompagnée' end,
           case when s.status = 'planned' then 'invited' when ${rnd('s.id * 10 + j', 71)} < .8 then 'present'
                when ${rnd('s.id * 10 + j', 72)} < .5 then 'excused' else 'absent' end,
           s.created_at
      from sessions s cross join generate_series(1, 6) j
     where s.id between ${b.firstId} and ${b.firstId + b.count - 1} and j <= 2 + floor(${rnd('s.id', 70)} * 5)
     order by s.id, j`);
  await db.raw(`
    insert into action_items (accompaniment_id, session_id, what, owner_name, due_on, status, closed_at, created_at)
    select s.accompaniment_id, s.id, 'Action décidée en séance ' || s.id, 'Direction de la structure', (s.starts_at + interval '30 days')::date,
           case when s.status = 'closed' then 'done' else 'open' end, case when s.status = 'closed' then s.starts_at + interval '20 days' end, s.created_at
      from sessions s where s.id between ${b.firstId} and ${b.firstId + b.count - 1} and s.status <> 'planned' and s.id % 5 = 0
     order by s.id`);
  await db.raw('drop table bench_elig');
}

/** The national sessions, then the rich case's own: a long delivery with phases and groups. */
export async function generateSessions(db: Db, p: Plan) {
  const generic = p.sessions - p.richSessions;
  await insertSessions(db, p, { firstId: 1, count: generic, where: 'true', linkPhases: false });
  await insertSessions(db, p, { firstId: generic + 1, count: p.richSessions, where: 'n = 1', linkPhases: true });

  await db.raw(`
    insert into working_groups (accompaniment_id, theme, name, aim)
    select 1, t, 'Groupe ' || t, 'Travailler la question : ' || t from unnest(array['gouvernance','mutualisation','communication']) t`);
  await db.raw(`update sessions set working_group_id = (select min(id) from working_groups where accompaniment_id = 1) + id % 3
                 where accompaniment_id = 1 and type = 'working_group'`);
  await db.raw(`
    insert into steering_committee_members (accompaniment_id, user_id, name, organisation_name, organisation_id, role)
    select 1, null, 'Membre du comité ' || b.organisation_id, o.name, b.organisation_id, 'director'
      from accompaniment_beneficiaries b join organisations o on o.id = b.organisation_id where b.accompaniment_id = 1`);
}
