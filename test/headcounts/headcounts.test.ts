import { impactOf, type Snapshot } from '../../src/headcounts/impact';
import { localToday } from '../../src/platform/dates';
import { createOrganisation, createUser } from '../factories';
import { addBeneficiaryRow, createAccompanimentOf, createStructure } from '../factories/structures';
import { pathwayOf } from '../factories/support-committee';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function world() {
  const operator = await createOrganisation(t.db, { kind: 'operator' });
  const structure = await createStructure(t.db);
  const [coordinator, beneficiary, otherBeneficiary, provider, relay] = await Promise.all([
    createUser(t.db, { role: 'coordinator', organisation_id: operator.id }),
    createUser(t.db, { role: 'beneficiary', organisation_id: structure.id }),
    createUser(t.db, { role: 'beneficiary' }),
    createUser(t.db, { role: 'provider' }),
    createUser(t.db, { role: 'relay' }),
  ]);
  return { operator, structure, coordinator, beneficiary, otherBeneficiary, provider, relay };
}

const form_ = (csrf: string, more: Record<string, string> = {}) => ({
  _csrf: csrf,
  recorded_on: '2015-09-15',
  occasion: 'diagnostic',
  employees_cdi: '4',
  employees_cdd: '2',
  employees_assisted: '3',
  employees_insertion: '25',
  fte: '21,5',
  volunteers: '12',
  annual_budget_eur: '1 234,56',
  ...more,
});

const snapshot = (o: Partial<Snapshot>): Snapshot => ({
  id: '1',
  recorded_on: '2015-09-15',
  occasion: 'diagnostic',
  employees_cdi: null,
  employees_cdd: null,
  employees_assisted: null,
  employees_insertion: null,
  fte: null,
  volunteers: null,
  annual_budget_eur: null,
  ...o,
});

describe('headcount snapshots', () => {
  it('a coordinator records two dated snapshots from the parcours; the page shows both and the impact between them', async () => {
    const w = await world();
    const pathwayId = await pathwayOf(t.db, w.operator.id, w.structure.id);
    const { agent, csrf } = await loginAs(t.app, w.coordinator.email);
    const page = await agent.get(
      `/structures/${w.structure.id}/headcounts/new?pathway_id=${pathwayId}&occasion=diagnostic`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain(`name="pathway_id" value="${pathwayId}"`);
    expect(page.text).toContain(`value="${localToday()}"`);

    await agent
      .post(`/structures/${w.structure.id}/headcounts`)
      .type('form')
      .send(form_(csrf, { pathway_id: pathwayId }))
      .expect(302, new RegExp(`/structures/${w.structure.id}#headcounts`));
    await agent
      .post(`/structures/${w.structure.id}/headcounts`)
      .type('form')
      .send(
        form_(csrf, {
          recorded_on: '2016-12-01',
          occasion: 'checkpoint',
          employees_cdi: '6',
          employees_cdd: '',
          employees_insertion: '30',
          fte: '27.25',
          annual_budget_eur: '1 500 000,5',
        }),
      )
      .expect(302);

    const rows = await t.db('structure_headcounts').where({ organisation_id: w.structure.id }).orderBy('recorded_on');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      occasion: 'diagnostic',
      pathway_id: pathwayId,
      employees_cdi: 4,
      employees_insertion: 25,
      fte: '21.50',
      annual_budget_eur: '1234.56',
      recorded_by: w.coordinator.id,
    });
    expect(rows[1]).toMatchObject({ employees_cdd: null, fte: '27.25', annual_budget_eur: '1500000.50' });
    const audit = await t.db('audit_log').where({ action: 'headcount.record', entity_id: w.structure.id });
    expect(audit).toHaveLength(2);

    const show = await agent.get(`/structures/${w.structure.id}`).expect(200);
    expect(show.text).toContain('Effectifs');
    expect(show.text).toContain('Évolution du 15 septembre 2015 au 1er décembre 2016');
    // CDI 4 → 6 (+2), ETP 21,5 → 27,25 (+5,75), budget +1 498 765,94 €; all contracts 34 → 39 (+5: CDD unknown at the checkpoint).
    expect(show.text).toMatch(/4 → 6 \(\+2\)/);
    expect(show.text).toMatch(/21,5 → 27,25 \(\+5,75\)/);
    expect(show.text).toMatch(/\+1[\s\u202f\u00a0]498[\s\u202f\u00a0]765,94/);
    expect(show.text).toMatch(/34 → 39 \(\+5\)/);
    expect(show.text).toContain('<svg');
    expect(show.text).toMatch(/34 le 15 septembre 2015 ; 39 le 1er décembre 2016/);
  });

  it('refuses bad input next to the field, keeping it: negative, « 12,5 » employees, the future, nothing at all (422)', async () => {
    const w = await world();
    const { agent, csrf } = await loginAs(t.app, w.coordinator.email);
    const url = `/structures/${w.structure.id}/headcounts`;
    const neg = await agent
      .post(url)
      .type('form')
      .send(form_(csrf, { employees_cdi: '-3' }));
    expect(neg.status).toBe(422);
    expect(neg.text).toContain('Le nombre ne peut pas être négatif.');
    expect(neg.text).toContain('value="-3"');
    const half = await agent
      .post(url)
      .type('form')
      .send(form_(csrf, { employees_cdd: '12,5' }));
    expect(half.status).toBe(422);
    expect(half.text).toContain('Saisissez un nombre entier de personnes');
    expect(half.text).toContain('value="12,5"');
    const cents = await agent
      .post(url)
      .type('form')
      .send(form_(csrf, { annual_budget_eur: '12,345' }));
    expect(cents.status).toBe(422);
    expect(cents.text).toContain('Deux décimales au plus');
    const future = await agent
      .post(url)
      .type('form')
      .send(form_(csrf, { recorded_on: '2999-01-01' }));
    expect(future.status).toBe(422);
    const empty = await agent
      .post(url)
      .type('form')
      .send({ _csrf: csrf, recorded_on: '2015-09-15', occasion: 'other' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Indiquez au moins un chiffre.');
    // A parcours of another structure is refused, not linked.
    const other = await createStructure(t.db);
    const foreign = await pathwayOf(t.db, w.operator.id, other.id);
    const linked = await agent
      .post(url)
      .type('form')
      .send(form_(csrf, { pathway_id: foreign }));
    expect(linked.status).toBe(422);
    expect(linked.text).toContain('Ce parcours n’est pas celui de cette structure');
    expect(await t.db('structure_headcounts').where({ organisation_id: w.structure.id })).toHaveLength(0);
  });

  it('lets the structure read its own snapshots but not record; others get 403 or 404', async () => {
    const w = await world();
    await t.db('structure_headcounts').insert({
      organisation_id: w.structure.id,
      recorded_on: '2015-09-15',
      occasion: 'diagnostic',
      employees_cdi: 7,
    });
    const own = await loginAs(t.app, w.beneficiary.email);
    const page = await own.agent.get(`/structures/${w.structure.id}`).expect(200);
    expect(page.text).toContain('Historique des relevés');
    expect(page.text).not.toContain('/headcounts/new');
    await own.agent.get(`/structures/${w.structure.id}/headcounts/new`).expect(403);
    await own.agent.post(`/structures/${w.structure.id}/headcounts`).type('form').send(form_(own.csrf)).expect(403);
    const stranger = await loginAs(t.app, w.otherBeneficiary.email);
    await stranger.agent.get(`/structures/${w.structure.id}/headcounts/new`).expect(404);
    const relay = await loginAs(t.app, w.relay.email);
    await relay.agent.post(`/structures/${w.structure.id}/headcounts`).type('form').send(form_(relay.csrf)).expect(404);
    const provider = await loginAs(t.app, w.provider.email);
    await provider.agent.get(`/structures/${w.structure.id}/headcounts/new`).expect(404);
    expect(await t.db('structure_headcounts').where({ organisation_id: w.structure.id })).toHaveLength(1);
  });
});

describe('recording from a parcours and from a case’s follow-up', () => {
  it('links the snapshot to the parcours’ checkpoint or the case’s follow-up checkpoint, from the parcours page’s links', async () => {
    const w = await world();
    const pathwayId = await pathwayOf(t.db, w.operator.id, w.structure.id);
    await t
      .db('pathways')
      .where({ id: pathwayId })
      .update({ diagnosed_on: '2015-09-10', diagnostic_summary: 'Fragile.' });
    const [{ id: pcId }] = await t
      .db('pathway_checkpoints')
      .insert({ pathway_id: pathwayId, offset_months: 6, due_on: '2017-06-01', held_on: '2017-06-05' })
      .returning('id');
    const { agent, csrf } = await loginAs(t.app, w.coordinator.email);
    const parcours = await agent.get(`/pathways/${pathwayId}`).expect(200);
    const base = `/structures/${w.structure.id}/headcounts/new?pathway_id=${pathwayId}`;
    expect(parcours.text).toContain(`${base}&amp;occasion=diagnostic`);
    expect(parcours.text).toContain(`${base}&amp;checkpoint_months=6&amp;occasion=checkpoint`);
    const form = await agent.get(`${base}&checkpoint_months=6&occasion=checkpoint`).expect(200);
    expect(form.text).toContain('name="checkpoint_months" value="6"');
    await agent
      .post(`/structures/${w.structure.id}/headcounts`)
      .type('form')
      .send(
        form_(csrf, {
          occasion: 'checkpoint',
          pathway_id: pathwayId,
          checkpoint_months: '6',
          recorded_on: '2017-06-05',
        }),
      )
      .expect(302);
    // A checkpoint month the parcours has not recorded is refused.
    const missing = await agent
      .post(`/structures/${w.structure.id}/headcounts`)
      .type('form')
      .send(form_(csrf, { pathway_id: pathwayId, checkpoint_months: '12' }));
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Ce point de suivi n’est pas enregistré');

    const acc = await createAccompanimentOf(t.db, w.operator.id);
    await addBeneficiaryRow(t.db, acc.id, w.structure.id);
    const [{ id: fuId }] = await t
      .db('follow_up_checkpoints')
      .insert({ accompaniment_id: acc.id, offset_months: 12, due_on: '2018-01-01' })
      .returning('id');
    // The case's checkpoint page links the headcount form of each of its structures, for the operator's staff.
    const checkpoint = await agent.get(`/checkpoints/${fuId}`).expect(200);
    expect(checkpoint.text).toContain(
      `/structures/${w.structure.id}/headcounts/new?follow_up_checkpoint_id=${fuId}&amp;occasion=checkpoint`,
    );
    await agent
      .post(`/structures/${w.structure.id}/headcounts`)
      .type('form')
      .send(form_(csrf, { occasion: 'checkpoint', follow_up_checkpoint_id: String(fuId), recorded_on: '2018-01-10' }))
      .expect(302);
    const rows = await t.db('structure_headcounts').where({ organisation_id: w.structure.id }).orderBy('recorded_on');
    expect(
      rows.map((r: Record<string, unknown>) => [
        r.pathway_checkpoint_id,
        r.follow_up_checkpoint_id,
        r.accompaniment_id,
      ]),
    ).toEqual([
      [String(pcId), null, null],
      [null, String(fuId), acc.id],
    ]);
  });
});

describe('impactOf', () => {
  it('is the difference between the diagnostic snapshot and the latest one, decimals to the cent', () => {
    const impact = impactOf([
      snapshot({
        id: '3',
        recorded_on: '2017-03-01',
        occasion: 'checkpoint',
        employees_cdi: 9,
        fte: '10.1',
        annual_budget_eur: '100000.10',
      }),
      snapshot({ id: '1', recorded_on: '2014-01-01', occasion: 'other', employees_cdi: 1 }),
      snapshot({
        id: '2',
        recorded_on: '2015-09-15',
        employees_cdi: 4,
        employees_insertion: 2,
        fte: '0.3',
        annual_budget_eur: '0.20',
      }),
    ]);
    expect(impact?.from.id).toBe('2');
    expect(impact?.to.id).toBe('3');
    expect(impact?.changes.employees_cdi).toEqual({ from: 4, to: 9, diff: 5 });
    expect(impact?.changes.employees_insertion).toEqual({ from: 2, to: null, diff: null });
    expect(impact?.changes.fte.diff).toBe('9.80');
    expect(impact?.changes.annual_budget_eur.diff).toBe('99999.90');
    expect(impact?.employees).toEqual({ from: 6, to: 9, diff: 3 });
    expect(
      impactOf([
        snapshot({ annual_budget_eur: '10.00' }),
        snapshot({ id: '2', recorded_on: '2016-01-01', annual_budget_eur: '2.50' }),
      ])?.changes.annual_budget_eur.diff,
    ).toBe('-7.50');
    expect(impactOf([snapshot({})])).toBeNull();
    expect(impactOf([])).toBeNull();
  });
});
