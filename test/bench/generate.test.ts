import { createTestDatabase } from '../support/db';
import { generate } from './generate';
import { KNOWN_COORDINATOR } from './generate/people';
import type { Database } from '../../src/platform/db';

// The benchmark's generator, at a tiny scale: it respects every constraint of the migrations
// (an insert would fail otherwise), gives the planned counts, and the same seed gives the same data.
describe('benchmark data generator', () => {
  const dbs: Database[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.close();
  });

  const fingerprint = async (d: Database) =>
    (
      await d.db
        .raw(`select md5(string_agg(concat_ws(',', id, state, kind, intake_on, coordinator_id, budget_days), ';' order by id)) as a,
                             (select md5(string_agg(concat_ws(',', id, accompaniment_id, starts_at, status, days_consumed), ';' order by id)) from sessions) as s,
                             (select md5(string_agg(concat_ws(',', id, operator_id, organisation_id, received_on, status, outcome_on), ';' order by id)) from intake_requests) as r,
                             (select md5(string_agg(concat_ws(',', pathway_id, kind, status, started_on, hours, accompaniment_id), ';' order by pathway_id, kind, started_on, accompaniment_id)) from pathway_actions) as pa,
                             (select md5(string_agg(concat_ws(',', id, envelope_id, accompaniment_id, amount_eur, committed_on, status), ';' order by id)) from envelope_commitments) as ec,
                             (select md5(string_agg(concat_ws(',', id, invoice_id, paid_on, amount_eur), ';' order by id)) from payments) as pm
                        from accompaniments`)
    ).rows[0];

  it('loads a consistent data set, the same for the same seed', async () => {
    const quiet = () => {};
    const first = await createTestDatabase();
    dbs.push(first);
    const g = await generate(first.db, 7, 0.005, '2026-06-30', quiet);
    expect(g.counts.accompaniments).toBe(75);
    expect(g.counts.sessions).toBe(750);
    expect(g.counts.documents).toBe(300);
    expect(g.counts.users).toBe(1 + 4 * 1 + 1 + 1 + 1);
    // Every state is represented among the 75 cases except, possibly, the rarest.
    const states = await first.db('accompaniments').distinct('state');
    expect(states.length).toBeGreaterThanOrEqual(6);
    // The rich case belongs to the known coordinator and has a draft report to draw.
    const rich = await first
      .db('accompaniments as a')
      .join('users as u', 'u.id', 'a.coordinator_id')
      .where('a.id', 1)
      .first('u.email', 'a.state', 'a.kind');
    expect(rich).toEqual({ email: KNOWN_COORDINATOR, state: 'delivery', kind: 'collective' });
    expect(
      await first.db('progress_reports').where({ accompaniment_id: 1, status: 'draft' }).first('id'),
    ).toBeDefined();
    // Sent reports were inserted as sent, with their frozen PDF's hash.
    const sent = await first.db('progress_reports').where({ status: 'sent' }).count<{ count: string }[]>('* as count');
    expect(Number(sent[0].count)).toBe(25);
    // Relays acknowledge within days: only the last month's handoffs still wait.
    const handoffs = await first.db
      .raw(`select count(*) filter (where acknowledged_at is null and handed_off_on < date '2026-06-30' - 30)::int as old_waiting,
                                                count(*) filter (where acknowledged_at::date <= handed_off_on)::int as too_early,
                                                count(*) filter (where acknowledged_at is not null)::int as acknowledged from handoffs`);
    expect(handoffs.rows[0]).toMatchObject({ old_waiting: 0, too_early: 0 });
    expect(handoffs.rows[0].acknowledged).toBeGreaterThan(0);
    // Issue 19: the requests, a parcours for every structure, every case a consultancy action of
    // each of its structures' parcours, and the comité d'appui's opinions.
    expect(g.counts.intake_requests).toBe(150);
    const parcours = (
      await first.db.raw(`select
        (select count(*) from structures s where not exists (select 1 from pathways p where p.organisation_id = s.organisation_id))::int as without,
        (select count(*) from accompaniment_beneficiaries b join accompaniments a on a.id = b.accompaniment_id
          where not exists (select 1 from pathway_actions x join pathways p on p.id = x.pathway_id
                             where x.accompaniment_id = a.id and p.organisation_id = b.organisation_id and p.operator_id = a.operator_id))::int as missing,
        (select count(*) from pathways p where not exists (select 1 from pathway_actions x where x.pathway_id = p.id))::int as empty,
        (select count(*) from pathways where intake_request_id is not null)::int as requested,
        (select count(*) from intake_requests where status = 'received')::int as open,
        (select count(*) from pathway_actions where kind = 'advice' and hours > 0)::int as advice,
        (select count(*) from support_committee_items where opinion is not null)::int as opinions,
        (select count(*) from support_committee_meetings m where m.status = 'held'
            and not exists (select 1 from support_committee_items i where i.meeting_id = m.id))::int as held_empty`)
    ).rows[0];
    expect(parcours).toMatchObject({
      without: 0,
      missing: 0,
      empty: 0,
      held_empty: 0,
      requested: Math.round(150 * 0.55),
    });
    expect(parcours.open).toBeGreaterThan(0);
    expect(parcours.advice).toBeGreaterThan(0);
    expect(parcours.opinions).toBeGreaterThan(0);
    // Issue 20: envelopes hold what is committed on them; orders, certifications, invoices and
    // payments never exceed what they follow; every provider has a profile; headcount snapshots.
    expect(g.counts.envelope_commitments).toBeGreaterThan(0);
    expect(g.counts.payments).toBeGreaterThan(0);
    expect(g.counts.provider_profiles).toBe(3);
    expect(g.counts.structure_headcounts).toBeGreaterThan(0);
    const money = (
      await first.db.raw(`select
        (select count(*) from funding_envelopes e where e.amount_eur < (select sum(c.amount_eur) from envelope_commitments c
           where c.envelope_id = e.id and c.status = 'committed'))::int as over_envelope,
        (select count(*) from purchase_orders o join envelope_commitments c on c.id = o.commitment_id
          where o.amount_incl_vat_eur > c.amount_eur or o.issued_on < c.committed_on)::int as over_commitment,
        (select count(*) from purchase_orders o where o.amount_incl_vat_eur < (select sum(i.amount_incl_vat_eur)
           from provider_invoices i where i.purchase_order_id = o.id))::int as over_order,
        (select count(*) from provider_invoices i where i.status = 'paid' and not exists (select 1 from payments p
           where p.invoice_id = i.id and p.amount_eur = i.amount_incl_vat_eur and p.paid_on >= i.invoiced_on))::int as paid_without,
        (select count(*) from payments where paid_on > date '2026-06-30')::int as paid_later,
        (select count(*) from structure_headcounts where occasion = 'checkpoint')::int as checkpoints`)
    ).rows[0];
    expect(money).toMatchObject({
      over_envelope: 0,
      over_commitment: 0,
      over_order: 0,
      paid_without: 0,
      paid_later: 0,
    });
    expect(money.checkpoints).toBeGreaterThan(0);
    // Every bid has its log (consultations/bid-lifecycle.ts): invited from nothing, its last move ends at its status.
    const bids = (
      await first.db.raw(`select count(*)::int as bids,
        count(*) filter (where not exists (select 1 from consultation_bid_transitions t
          where t.bid_id = b.id and t.from_status is null and t.to_status = 'invited'))::int as without_invite,
        count(*) filter (where (select t.to_status from consultation_bid_transitions t where t.bid_id = b.id
          order by t.happened_on desc, t.id desc limit 1) is distinct from b.status)::int as astray
        from consultation_bids b`)
    ).rows[0];
    expect(bids.bids).toBeGreaterThan(0);
    expect(bids).toMatchObject({ without_invite: 0, astray: 0 });
    // The generator's helpers are gone; the sequences continue after the explicit ids.
    await expect(first.db.raw('select bench_rand(1, 1)')).rejects.toThrow();
    const [{ id }] = await first
      .db('accompaniments')
      .insert({ operator_id: 1, title: 'Après génération', kind: 'individual' })
      .returning('id');
    expect(Number(id)).toBe(76);

    const second = await createTestDatabase();
    dbs.push(second);
    await generate(second.db, 7, 0.005, '2026-06-30', quiet);
    await second.db('accompaniments').insert({ operator_id: 1, title: 'Après génération', kind: 'individual' });
    expect(await fingerprint(second)).toEqual(await fingerprint(first));
  }, 240_000);
});
