import { createOrganisation, createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function caseWithCoordinator(opts: { state?: string; structures?: number; intakeOn?: string } = {}) {
  const team = await createOperatorTeam(t.db);
  const acc = await createAccompaniment(t.db, {
    operatorId: team.operator.id,
    coordinatorId: team.coordinator.id,
    ...opts,
  });
  const session = await loginAs(t.app, team.coordinator.email);
  const move = (to: string, extra: Record<string, string> = {}) =>
    session.agent
      .post(`/accompaniments/${acc.id}/transitions`)
      .type('form')
      .send({ _csrf: session.csrf, to, on_date: '2026-02-01', ...extra });
  return { ...team, acc, ...session, move };
}

const stateOf = async (id: string) => (await t.db('accompaniments').where({ id }).first('state')).state;

describe('lifecycle', () => {
  it('moves forward along the transition table and logs who, when and why', async () => {
    const c = await caseWithCoordinator({ structures: 1 });
    await c.move('diagnostic', { comment: 'Demande recevable.' }).expect(302);
    expect(await stateOf(c.acc.id)).toBe('diagnostic');
    const log = await t
      .db('accompaniment_transitions')
      .where({ accompaniment_id: c.acc.id })
      .orderBy('id')
      .select('from_state', 'to_state', 'actor_id', 'comment', 'on_date');
    expect(log).toEqual([
      {
        from_state: 'intake',
        to_state: 'diagnostic',
        actor_id: c.coordinator.id,
        comment: 'Demande recevable.',
        on_date: '2026-02-01',
      },
    ]);
    const page = await c.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain('L’accompagnement est passé à l’état « Diagnostic partagé »');
    expect(
      await t.db('audit_log').where({ action: 'accompaniment.transition', entity_id: c.acc.id }).first(),
    ).toBeDefined();
  });

  it('offers only the moves possible from the current state', async () => {
    const c = await caseWithCoordinator({ structures: 1 });
    const page = await c.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain('Passer au diagnostic partagé');
    expect(page.text).toContain('Réorienter vers un autre dispositif');
    expect(page.text).toContain('Abandonner l’accompagnement');
    expect(page.text).not.toContain('Démarrer la mise en œuvre');
  });

  it('refuses a move the table does not know, in French', async () => {
    const c = await caseWithCoordinator({ structures: 1 });
    const res = await c.move('delivery').expect(422);
    expect(res.text).toContain('Ce changement d’état n’est pas possible depuis l’état actuel.');
    expect(await stateOf(c.acc.id)).toBe('intake');
  });

  it('will not leave intake without a beneficiary structure', async () => {
    const c = await caseWithCoordinator();
    const res = await c.move('diagnostic').expect(422);
    expect(res.text).toContain('Ajoutez d’abord au moins une structure accompagnée.');
    expect(await stateOf(c.acc.id)).toBe('intake');
  });

  it('requires a reason to refer elsewhere or abandon, keeping what was typed', async () => {
    const c = await caseWithCoordinator({ structures: 1 });
    const form = await c.agent.get(`/accompaniments/${c.acc.id}/transitions/new?to=referred`).expect(200);
    expect(form.text).toContain('Raison');
    const res = await c.move('referred', { comment: '   ', on_date: '2026-13-01' }).expect(422);
    expect(res.text).toContain('Saisissez une date valide');
    const noReason = await c.move('referred', { comment: '' }).expect(422);
    expect(noReason.text).toContain('Indiquez la raison');
    await c.move('referred', { comment: 'Relève du dispositif régional.' }).expect(302);
    expect(await stateOf(c.acc.id)).toBe('referred');
    // A final state offers nothing more.
    const page = await c.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).not.toContain('Abandonner l’accompagnement');
    await c.move('abandoned', { comment: 'x' }).expect(422);
  });

  it('is protected by the database too: a referral without a reason cannot be logged', async () => {
    const { operator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, { operatorId: operator.id });
    await expect(
      t
        .db('accompaniment_transitions')
        .insert({ accompaniment_id: acc.id, from_state: 'intake', to_state: 'abandoned', comment: ' ' }),
    ).rejects.toThrow();
  });

  it('refuses moves to another operator’s staff (404) and to read-only roles (403)', async () => {
    const c = await caseWithCoordinator({ structures: 1 });
    const outsider = await loginAs(t.app, (await createOperatorTeam(t.db)).coordinator.email);
    await outsider.agent
      .post(`/accompaniments/${c.acc.id}/transitions`)
      .type('form')
      .send({ _csrf: outsider.csrf, to: 'diagnostic', on_date: '2026-02-01' })
      .expect(404);
    const beneficiary = await createUser(t.db, { role: 'beneficiary', organisation_id: c.acc.structures[0].id });
    const b = await loginAs(t.app, beneficiary.email);
    await b.agent
      .post(`/accompaniments/${c.acc.id}/transitions`)
      .type('form')
      .send({ _csrf: b.csrf, to: 'diagnostic', on_date: '2026-02-01' })
      .expect(403);
    expect(await stateOf(c.acc.id)).toBe('intake');
  });
});

describe('beneficiaries', () => {
  it('records a withdrawal with its reasons, keeps the history, and lets the structure rejoin', async () => {
    const c = await caseWithCoordinator({ structures: 2, state: 'delivery', intakeOn: '2015-09-01' });
    const chamois = c.acc.structures[0];
    const url = `/accompaniments/${c.acc.id}/beneficiaries/${chamois.id}`;
    const bad = await c.agent
      .post(`${url}/withdraw`)
      .type('form')
      .send({ _csrf: c.csrf, withdrawn_on: '2016-11-15', withdrawal_reasons: '', may_rejoin: 'En partie, plus tard' })
      .expect(422);
    expect(bad.text).toContain('Ce champ est obligatoire.');
    expect(bad.text).toContain('En partie, plus tard');
    await c.agent
      .post(`${url}/withdraw`)
      .type('form')
      .send({
        _csrf: c.csrf,
        withdrawn_on: '2016-11-15',
        withdrawal_reasons: 'Recherchait une direction partagée.',
        may_rejoin: 'En partie une fois structurée.',
      })
      .expect(302);
    const row = await t
      .db('accompaniment_beneficiaries')
      .where({ accompaniment_id: c.acc.id, organisation_id: chamois.id })
      .first();
    expect(row).toMatchObject({
      status: 'withdrawn',
      withdrawn_on: '2016-11-15',
      withdrawal_reasons: 'Recherchait une direction partagée.',
    });
    const page = await c.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain('Recherchait une direction partagée.');
    expect(page.text).toContain('15 novembre 2016');
    // A wrong date is said on its own page, the typed date kept; nothing is recorded.
    const badDate = await c.agent
      .post(`${url}/rejoin`)
      .type('form')
      .send({ _csrf: c.csrf, on_date: '2017-02-30' })
      .expect(422);
    expect(badDate.text).toContain('value="2017-02-30"');
    expect(badDate.text).toContain('Saisissez une date valide (jj/mm/aaaa).');
    expect(
      await t
        .db('beneficiary_changes')
        .where({ accompaniment_id: c.acc.id, organisation_id: chamois.id, change: 'rejoined' })
        .first(),
    ).toBeUndefined();
    await c.agent.post(`${url}/rejoin`).type('form').send({ _csrf: c.csrf, on_date: '2017-09-01' }).expect(302);
    // Rejoining an active structure again is refused the same way.
    const twice = await c.agent
      .post(`${url}/rejoin`)
      .type('form')
      .send({ _csrf: c.csrf, on_date: '2017-10-01' })
      .expect(422);
    expect(twice.text).toContain('Cette structure est déjà active dans l’accompagnement.');
    expect(twice.text).toContain('value="2017-10-01"');
    const history = await t
      .db('beneficiary_changes')
      .where({ accompaniment_id: c.acc.id, organisation_id: chamois.id })
      .orderBy('id')
      .select('change', 'on_date', 'reasons');
    expect(history).toEqual([
      { change: 'withdrawn', on_date: '2016-11-15', reasons: 'Recherchait une direction partagée.' },
      { change: 'rejoined', on_date: '2017-09-01', reasons: null },
    ]);
    expect(
      (
        await t
          .db('accompaniment_beneficiaries')
          .where({ accompaniment_id: c.acc.id, organisation_id: chamois.id })
          .first()
      ).status,
    ).toBe('active');
  });

  it('adds a structure once, and only structures', async () => {
    const c = await caseWithCoordinator();
    const s = await createOrganisation(t.db, { kind: 'structure' });
    const funder = await createOrganisation(t.db, { kind: 'funder' });
    const add = (orgId: string, status: number) =>
      c.agent
        .post(`/accompaniments/${c.acc.id}/beneficiaries`)
        .type('form')
        .send({ _csrf: c.csrf, organisation_id: orgId, joined_on: '2026-01-10' })
        .expect(status);
    await add(s.id, 302);
    await add(s.id, 302);
    expect((await add(funder.id, 422)).text).toContain('Choisissez une structure accompagnée dans la liste.');
    expect(
      await t.db('accompaniment_beneficiaries').where({ accompaniment_id: c.acc.id }).pluck('organisation_id'),
    ).toEqual([s.id]);
    expect(await t.db('beneficiary_changes').where({ accompaniment_id: c.acc.id }).pluck('change')).toEqual(['joined']);
  });
});

describe('funding split', () => {
  it('records each funder’s share and says when the total differs from the budget', async () => {
    const c = await caseWithCoordinator();
    await t.db('accompaniments').where({ id: c.acc.id }).update({ budget_eur: 7000 });
    const state = await createOrganisation(t.db, { kind: 'funder', name: 'État test' });
    await c.agent
      .post(`/accompaniments/${c.acc.id}/funding`)
      .type('form')
      .send({ _csrf: c.csrf, funder_id: state.id, amount_eur: '4 000' })
      .expect(302);
    const page = await c.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain('État test');
    expect(page.text).toMatch(/ne correspondent pas au budget/);
    const bad = await c.agent
      .post(`/accompaniments/${c.acc.id}/funding`)
      .type('form')
      .send({ _csrf: c.csrf, funder_id: state.id, amount_eur: '-5' })
      .expect(422);
    expect(bad.text).toContain('Saisissez un nombre, par exemple 6 ou 7 000,50.');
    expect(await t.db('accompaniment_funding').where({ accompaniment_id: c.acc.id }).pluck('amount_eur')).toEqual([
      '4000.00',
    ]);
    const provider = await createUser(t.db, { role: 'provider' });
    const p = await loginAs(t.app, provider.email);
    await p.agent
      .post(`/accompaniments/${c.acc.id}/funding`)
      .type('form')
      .send({ _csrf: p.csrf, funder_id: state.id, amount_eur: '1' })
      .expect(404);
  });
});
