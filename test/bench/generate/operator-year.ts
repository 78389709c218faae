import type { Db } from '../../../src/platform/db';
import { orgBase, rnd, userBase, type Plan } from './plan';

/** The national list's codes (reference_items, seeded by its migration); an empty array if the list is empty. */
const codes = (list: string) =>
  `coalesce((select array_agg(code order by position, code) from reference_items where list = '${list}' and active), '{}')`;
/** `count` distinct items of `arr` for row `n` (a rotation of the list from a drawn start). */
const pick = (arr: string, n: string, count: string, salt: number) =>
  `(select coalesce(array_agg(${arr}[1 + (s0 + k) % cardinality(${arr})] order by k), '{}')
      from (select floor(${rnd(n, salt)} * greatest(cardinality(${arr}), 1))::int as s0) x
      cross join generate_series(0, least(${count}, cardinality(${arr})) - 1) k)`;

/**
 * Issue 20 over the generated cases: each operator's funding envelopes per funder and year, what the
 * cases commit on them, the orders, service certifications, invoices and payments that follow, the
 * provider base (profiles and consultants) and the structures' headcount snapshots.
 *
 * - A commitment for 90 % of the cases that reached the convention, one per funder of the case
 *   (accompaniment_funding), on the envelope of its operator, that funder and the convention's year;
 *   released for the cases that stopped after it. Each envelope holds 102 % to 160 % of what is
 *   committed on it (rounded up to the hundred): some are almost exhausted.
 * - From delivery on, an order per commitment on the case's selected bid (half of the providers charge
 *   20 % VAT); the service certified once the case reached close-out (the whole order), or phase 1's
 *   third while it is in delivery with phase 1 done; an invoice per certification a few days later,
 *   paid 20 to 40 days later when that day has come; an order fully paid and closed-out is closed.
 * - Every provider has a profile (80 % listed, 12 % pending, 8 % not listed), two to four themes of
 *   the national list, one to four consultants (the provider's user is its first).
 * - A snapshot of each structure of a diagnosed case at the diagnostic, and at every follow-up
 *   checkpoint held for its active structures (a few jobs more or less).
 * Invoices carry no PDF here (the bench measures pages and exports, not downloads).
 */
export async function generateOperatorYear(db: Db, p: Plan) {
  const o = orgBase(p);
  const u = userBase(p);
  const manager = (op: string) => `(${u.manager} + ${op})`;
  const convention = `(p.intake_on + 3 * p.step)`;

  await db.raw(`
    insert into funding_envelopes (operator_id, funder_id, year, label, amount_eur, eligible_action_types, departments,
                                   created_by, created_at, updated_at)
    select e.operator_id, e.funder_id, e.year,
           case f.funder_type when 'state' then 'Crédits DLA ' when 'fse' then 'FSE+ ingénieries ' else 'Enveloppe DLA ' end || e.year,
           ceil(e.committed * (1.02 + ${rnd('e.operator_id * 100000 + e.funder_id * 10 + e.year % 10', 90)} * 0.58) / 100) * 100,
           case when f.funder_type = 'fse' then array['individual_consultancy','collective_consultancy'] else '{}' end, '{}',
           ${manager('e.operator_id')}, make_date(e.year, 1, 15)::timestamptz, make_date(e.year, 1, 15)::timestamptz
      from (select p.operator_id, af.funder_id, extract(year from ${convention})::int as year, sum(af.amount_eur) as committed
              from bench_plan p join accompaniment_funding af on af.accompaniment_id = p.n
             where p.reached >= 3 and af.amount_eur > 0 and ${rnd('p.n', 91)} < .9
             group by 1, 2, 3) e
      join organisations f on f.id = e.funder_id
     order by e.operator_id, e.funder_id, e.year`);
  await db.raw(`
    insert into envelope_commitments (envelope_id, accompaniment_id, amount_eur, committed_on, status, created_by, created_at)
    select e.id, p.n, af.amount_eur, ${convention}, case when p.exits then 'released' else 'committed' end,
           ${manager('p.operator_id')}, ${convention} + time '11:00'
      from bench_plan p join accompaniment_funding af on af.accompaniment_id = p.n
      join funding_envelopes e on e.operator_id = p.operator_id and e.funder_id = af.funder_id
                              and e.year = extract(year from ${convention})::int
     where p.reached >= 3 and af.amount_eur > 0 and ${rnd('p.n', 91)} < .9
     order by p.n, af.funder_id`);
  await db.raw(`
    insert into envelope_commitment_transitions (commitment_id, event, from_status, to_status, happened_on, actor_id, reason, at)
    select c.id, 'commit', null, 'committed', c.committed_on, c.created_by, null, c.created_at from envelope_commitments c
    union all
    select c.id, 'release', 'committed', 'released', p.last_on, c.created_by, 'La structure a mis fin à la démarche', p.last_on + time '11:00'
      from envelope_commitments c join bench_plan p on p.n = c.accompaniment_id where c.status = 'released'
     order by 1, 5`);

  // Orders from delivery on (bid 3(n-1)+1 is the selected one), numbered per operator and year.
  await db.raw(`
    insert into purchase_orders (commitment_id, accompaniment_id, provider_id, bid_id, operator_id, number, issued_on,
                                 amount_excl_vat_eur, amount_incl_vat_eur, status, created_by, created_at)
    select c.id, p.n, b.provider_id, b.id, p.operator_id,
           'BC-' || extract(year from c.committed_on) || '-' || lpad(c.id::text, 6, '0'), c.committed_on + 7,
           case when b.provider_id % 2 = 0 then round(c.amount_eur / 1.2, 2) else c.amount_eur end, c.amount_eur,
           'issued', c.created_by, c.committed_on + 7 + time '11:00'
      from envelope_commitments c join bench_plan p on p.n = c.accompaniment_id
      join consultation_bids b on b.id = 3 * (p.n - 1) + 1
     where p.reached >= 4 and c.status = 'committed'
     order by c.id`);
  const today = `date '${p.anchor}'`;
  await db.raw(`
    insert into service_certifications (purchase_order_id, phase_id, certified_on, amount_eur, note, certified_by, created_at)
    select po.id, x.phase_id, x.on_date, x.amount, x.note, p.coordinator_id, x.on_date + time '15:00'
      from purchase_orders po join bench_plan p on p.n = po.accompaniment_id
      left join phases ph on ph.id = 3 * (p.n - 1) + 1 and ph.status = 'done'
      cross join lateral (
        select null::bigint as phase_id, least(p.intake_on + 5 * p.step, ${today}) as on_date, po.amount_incl_vat_eur as amount,
               'Livrables validés, séances tenues' as note where p.reached >= 5
        union all
        select ph.id, least(ph.actual_end + 5, ${today}), round(po.amount_incl_vat_eur / 3, 2), 'Phase 1 réalisée'
         where p.reached = 4 and ph.id is not null) x
     order by po.id`);
  await db.raw(`
    insert into provider_invoices (purchase_order_id, provider_id, number, invoiced_on, amount_excl_vat_eur, amount_incl_vat_eur,
                                   status, uploaded_by, created_at)
    select po.id, po.provider_id, 'F-' || lpad(sc.id::text, 7, '0'), i.on_date,
           round(sc.amount_eur * po.amount_excl_vat_eur / po.amount_incl_vat_eur, 2), sc.amount_eur,
           case when i.on_date + 40 <= ${today} then 'paid' else 'submitted' end,
           case when (po.provider_id - ${o.provider} - 1) < ${p.providerUsers} then ${u.provider} + po.provider_id - ${o.provider} end,
           i.on_date + time '09:00'
      from service_certifications sc join purchase_orders po on po.id = sc.purchase_order_id
      cross join lateral (select least(sc.certified_on + 3, ${today}) as on_date) i
     order by sc.id`);
  await db.raw(`
    insert into payments (invoice_id, paid_on, amount_eur, reference, recorded_by, created_at)
    select i.id, i.invoiced_on + 20 + floor(${rnd('i.id', 92)} * 21)::int, i.amount_incl_vat_eur, 'Virement ' || i.number,
           ${manager('po.operator_id')}, i.invoiced_on + 20 + floor(${rnd('i.id', 92)} * 21)::int + time '14:00'
      from provider_invoices i join purchase_orders po on po.id = i.purchase_order_id
     where i.status = 'paid' order by i.id`);
  await db.raw(`
    update purchase_orders po set status = 'closed'
      from bench_plan p
     where p.n = po.accompaniment_id and p.reached >= 5
       and exists (select 1 from provider_invoices i where i.purchase_order_id = po.id)
       and not exists (select 1 from provider_invoices i where i.purchase_order_id = po.id and i.status <> 'paid')`);
  await db.raw(`
    insert into purchase_order_transitions (purchase_order_id, event, from_status, to_status, happened_on, actor_id, at)
    select id, 'issue', null, 'issued', issued_on, created_by, created_at from purchase_orders
    union all
    select po.id, 'close', 'issued', 'closed', m.paid_on, po.created_by, m.paid_on + time '15:00'
      from purchase_orders po
      cross join lateral (select max(pm.paid_on) as paid_on from provider_invoices i join payments pm on pm.invoice_id = i.id
                           where i.purchase_order_id = po.id) m
     where po.status = 'closed'
     order by 1, 5`);
  await db.raw(`
    insert into provider_invoice_transitions (invoice_id, event, from_status, to_status, happened_on, actor_id, at)
    select id, 'submit', null, 'submitted', invoiced_on, uploaded_by, created_at from provider_invoices
    union all
    select i.id, 'pay', 'submitted', 'paid', pm.paid_on, pm.recorded_by, pm.created_at
      from provider_invoices i join payments pm on pm.invoice_id = i.id
     order by 1, 5`);

  // The provider base.
  await db.raw(`
    insert into provider_profiles (organisation_id, listing_status, listing_status_on, renewal_due_on, themes, sectors, departments,
                                   description, updated_at)
    select ${o.provider} + g, s.status, s.on_date, case when s.status = 'listed' then s.on_date + 365 end,
           ${pick('t.themes', 'g', `2 + floor(${rnd('g', 94)} * 3)::int`, 95)},
           ${pick('t.sectors', 'g', `1 + floor(${rnd('g', 96)} * 2)::int`, 97)},
           array(select lpad((((g * 13 + k * 7) % 95) + 1)::text, 2, '0') from generate_series(0, floor(${rnd('g', 98)} * 3)::int) k),
           'Cabinet référencé n° ' || g, s.on_date + time '10:00'
      from generate_series(1, ${p.providers}) g
      cross join (select ${codes('theme')} as themes, ${codes('sector')} as sectors) t
      cross join lateral (select case when ${rnd('g', 93)} < .8 then 'listed' when ${rnd('g', 93)} < .92 then 'pending' else 'not_listed' end as status,
                                 ${today} - floor(${rnd('g', 99)} * 365)::int as on_date) s
     order by g`);
  await db.raw(`
    insert into provider_listing_transitions (provider_id, event, from_status, to_status, happened_on, actor_id, reason, at)
    select organisation_id, 'apply', null, 'pending', listing_status_on - 30, 1, null, (listing_status_on - 30) + time '10:00'
      from provider_profiles
    union all
    select organisation_id, case listing_status when 'listed' then 'list' else 'refuse' end, 'pending', listing_status,
           listing_status_on, 1, case when listing_status = 'not_listed' then 'Références insuffisantes' end, listing_status_on + time '10:00'
      from provider_profiles where listing_status <> 'pending'
     order by 1, 5`);
  await db.raw(`
    insert into provider_consultants (provider_id, name, email, themes, user_id, active)
    select pp.organisation_id, 'Consultant·e ' || g || '-' || k, 'consultant' || g || '-' || k || '@provider.bench.test',
           pp.themes[1 + (k - 1) % greatest(cardinality(pp.themes), 1) : 1 + (k - 1) % greatest(cardinality(pp.themes), 1) + 1],
           case when k = 1 and g <= ${p.providerUsers} then ${u.provider} + g end, ${rnd('g * 10 + k', 100)} < .95
      from generate_series(1, ${p.providers}) g
      join provider_profiles pp on pp.organisation_id = ${o.provider} + g
      cross join lateral generate_series(1, 1 + floor(${rnd('g', 101)} * 4)::int) k
     order by g, k`);

  // Headcounts: at the diagnostic of each case (every structure of it), then at each checkpoint held.
  const split = `
    cross join lateral (select coalesce(s.employees, 0) as total, coalesce(least(s.employees_in_insertion, s.employees), 0) as insertion) e0
    cross join lateral (select e0.insertion, (e0.total - e0.insertion) as others) e`;
  await db.raw(`
    insert into structure_headcounts (organisation_id, recorded_on, occasion, accompaniment_id, employees_cdi, employees_cdd,
                                      employees_assisted, employees_insertion, fte, volunteers, annual_budget_eur, recorded_by, recorded_at)
    select b.organisation_id, d.written_on, 'diagnostic', p.n,
           e.others - e.others / 4 - e.others / 8, e.others / 4, e.others / 8, e.insertion,
           round((e.others + e.insertion * 0.6)::numeric, 2), floor(${rnd('b.id', 102)} * 20)::int,
           (e.others + e.insertion) * 32000 + 50000, p.coordinator_id, d.written_on + time '16:00'
      from bench_plan p join diagnostics d on d.accompaniment_id = p.n
      join accompaniment_beneficiaries b on b.accompaniment_id = p.n
      join structures s on s.organisation_id = b.organisation_id
      ${split}
     order by p.n, b.organisation_id`);
  await db.raw(`
    insert into structure_headcounts (organisation_id, recorded_on, occasion, follow_up_checkpoint_id, accompaniment_id, employees_cdi,
                                      employees_cdd, employees_assisted, employees_insertion, fte, volunteers, annual_budget_eur,
                                      recorded_by, recorded_at)
    select b.organisation_id, c.due_on, 'checkpoint', c.id, p.n,
           greatest(0, e.others - e.others / 4 - e.others / 8 + x.delta), e.others / 4, e.others / 8, e.insertion,
           round((greatest(0, e.others + x.delta) + e.insertion * 0.6)::numeric, 2), floor(${rnd('b.id', 102)} * 20)::int,
           (e.others + e.insertion + x.delta) * 32000 + 50000, c.recorded_by, c.recorded_at
      from follow_up_checkpoints c join bench_plan p on p.n = c.accompaniment_id
      join accompaniment_beneficiaries b on b.accompaniment_id = p.n and b.status = 'active'
      join structures s on s.organisation_id = b.organisation_id
      ${split}
      cross join lateral (select floor(${rnd('c.id * 100 + b.id % 100', 103)} * 5)::int - 1 as delta) x
     where c.recorded_at is not null
     order by c.id, b.organisation_id`);
}
