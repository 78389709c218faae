import { createOrganisation, createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { TABS, tabUrl } from '../../src/accompaniments/tabs';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const validForm = (extra: Record<string, unknown> = {}) => ({
  title: 'Appui à la création d’un GES',
  kind: 'collective',
  intake_on: '2015-06-15',
  budget_days: '6',
  budget_eur: '7 000',
  themes: 'Comptabilité\nGouvernance\n',
  department: '90',
  ...extra,
});

describe('recording an accompaniment', () => {
  it('creates a collective case with its structures, in the intake state, logged and audited', async () => {
    const { coordinator } = await createOperatorTeam(t.db);
    const s1 = await createOrganisation(t.db, { kind: 'structure', name: 'Energie Emploi test' });
    const s2 = await createOrganisation(t.db, { kind: 'structure', name: 'Intermed test' });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const form = await agent.get('/accompaniments/new').expect(200);
    expect(form.text).toContain('Energie Emploi test');
    const res = await agent
      .post('/accompaniments')
      .type('form')
      .send({ _csrf: csrf, ...validForm({ coordinator_id: coordinator.id }), structure_ids: [s1.id, s2.id] })
      .expect(302);
    const id = res.headers.location.split('/').pop()!;
    const acc = await t.db('accompaniments').where({ id }).first();
    expect(acc).toMatchObject({
      state: 'intake',
      kind: 'collective',
      budget_days: '6.00',
      budget_eur: '7000.00',
      themes: ['Comptabilité', 'Gouvernance'],
    });
    expect(
      await t.db('accompaniment_beneficiaries').where({ accompaniment_id: id }).pluck('organisation_id'),
    ).toHaveLength(2);
    expect(await t.db('accompaniment_transitions').where({ accompaniment_id: id }).pluck('to_state')).toEqual([
      'intake',
    ]);
    expect(
      await t
        .db('audit_log')
        .where({ entity_type: 'accompaniment', entity_id: id, action: 'accompaniment.create' })
        .first(),
    ).toBeDefined();
    const page = await agent.get(`/accompaniments/${id}`).expect(200);
    expect(page.text).toContain('L’accompagnement est enregistré');
    expect(page.text).toMatch(/7[\s\u202f]000\s€/);
    expect(page.text).toContain('Intermed test');
  });

  it('refuses bad input field by field in French, keeping what was typed', async () => {
    const { coordinator } = await createOperatorTeam(t.db);
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const before = await t.db('accompaniments').count('* as n').first();
    const res = await agent
      .post('/accompaniments')
      .type('form')
      .send({
        _csrf: csrf,
        ...validForm({
          title: '',
          budget_eur: 'sept mille',
          intake_on: '2015-02-30',
          planned_start: '2016-03-01',
          planned_end: '2016-01-01',
          themes: 'Comptabilité\nGouvernance',
        }),
      })
      .expect(422);
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toContain('Saisissez un nombre');
    expect(res.text).toContain('Saisissez une date valide');
    expect(res.text).toContain('La date de fin doit suivre la date de début.');
    expect(res.text).toContain('value="sept mille"');
    expect(res.text).toContain('Comptabilité\nGouvernance');
    expect(await t.db('accompaniments').count('* as n').first()).toEqual(before);
  });

  it('refuses a coordinator of another operator as the case coordinator', async () => {
    const { coordinator } = await createOperatorTeam(t.db);
    const other = await createOperatorTeam(t.db);
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const res = await agent
      .post('/accompaniments')
      .type('form')
      .send({ _csrf: csrf, ...validForm({ coordinator_id: other.coordinator.id }) })
      .expect(422);
    expect(res.text).toContain('Choisissez une valeur dans la liste.');
  });

  it('lets only operator staff create cases', async () => {
    for (const role of ['provider', 'funder', 'relay', 'beneficiary', 'admin'] as const) {
      const user = await createUser(t.db, { role });
      const { agent, csrf } = await loginAs(t.app, user.email);
      await agent.get('/accompaniments/new').expect(403);
      await agent
        .post('/accompaniments')
        .type('form')
        .send({ _csrf: csrf, ...validForm() })
        .expect(403);
    }
  });
});

describe('who sees an accompaniment', () => {
  it('answers 404 to another operator, to an unselected provider and to a funder that does not fund it', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      structures: 1,
    });
    const outsider = (await createOperatorTeam(t.db)).coordinator;
    const provider = await createUser(t.db, { role: 'provider' });
    const funder = await createUser(t.db, { role: 'funder' });
    const beneficiary = await createUser(t.db, { role: 'beneficiary', organisation_id: acc.structures[0].id });
    const otherBeneficiary = await createUser(t.db, { role: 'beneficiary' });
    for (const user of [outsider, provider, funder, otherBeneficiary]) {
      const { agent } = await loginAs(t.app, user.email);
      await agent.get(`/accompaniments/${acc.id}`).expect(404);
      const list = await agent.get('/accompaniments').expect(200);
      expect(list.text).not.toContain(`/accompaniments/${acc.id}"`);
    }
    // Funding the case or taking part in it opens it, read-only.
    await t
      .db('accompaniment_funding')
      .insert({ accompaniment_id: acc.id, funder_id: funder.organisation_id, amount_eur: 1000 });
    for (const user of [funder, beneficiary]) {
      const { agent, csrf } = await loginAs(t.app, user.email);
      // No edit link on any tab: each tab shows its own sections (the header, on all of them).
      for (const tab of TABS) {
        const page = await agent.get(tabUrl(acc.id, tab)).expect(200);
        expect(page.text).not.toContain('/edit"');
      }
      await agent.get(`/accompaniments/${acc.id}/edit`).expect(403);
      await agent
        .post(`/accompaniments/${acc.id}/transitions`)
        .type('form')
        .send({ _csrf: csrf, to: 'diagnostic', on_date: '2026-02-01' })
        .expect(403);
    }
  });

  it('answers 404, not 500, to ids that are not numbers', async () => {
    const { coordinator } = await createOperatorTeam(t.db);
    const { agent } = await loginAs(t.app, coordinator.email);
    for (const id of ['abc', '0', '99999999999999999999', '1;drop'])
      await agent.get(`/accompaniments/${encodeURIComponent(id)}`).expect(404);
  });

  it('lists the operator’s cases with filters and keeps the coordinator’s own on the home page', async () => {
    const { operator, coordinator, manager } = await createOperatorTeam(t.db);
    const colleague = await createUser(t.db, { role: 'coordinator', organisation_id: operator.id });
    await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      title: 'Cas de Julie en diagnostic',
      state: 'diagnostic',
    });
    await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: colleague.id,
      title: 'Cas du collègue à l’accueil',
      state: 'intake',
      kind: 'individual',
    });
    const { agent } = await loginAs(t.app, coordinator.email);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Cas de Julie en diagnostic');
    expect(home.text).not.toContain('Cas du collègue');
    const mgr = await loginAs(t.app, manager.email);
    const all = await mgr.agent.get('/accompaniments').expect(200);
    expect(all.text).toContain('Cas de Julie en diagnostic');
    expect(all.text).toContain('Cas du collègue');
    const filtered = await mgr.agent.get('/accompaniments?state=intake&kind=individual').expect(200);
    expect(filtered.text).not.toContain('Cas de Julie en diagnostic');
    expect(filtered.text).toContain('Cas du collègue');
    const byCoordinator = await mgr.agent.get(`/accompaniments?coordinator_id=${coordinator.id}`).expect(200);
    expect(byCoordinator.text).toContain('Cas de Julie en diagnostic');
    expect(byCoordinator.text).not.toContain('Cas du collègue');
  });
});

describe('editing', () => {
  it('saves changes, and refuses to overwrite a colleague’s newer save while keeping the input', async () => {
    const { operator, coordinator, manager } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      title: 'Titre initial',
    });
    const a = await loginAs(t.app, coordinator.email);
    const b = await loginAs(t.app, manager.email);
    await a.agent.get(`/accompaniments/${acc.id}/edit`).expect(200);
    await b.agent.get(`/accompaniments/${acc.id}/edit`).expect(200);
    await b.agent
      .post(`/accompaniments/${acc.id}`)
      .type('form')
      .send({ _csrf: b.csrf, ...validForm({ title: 'Titre de la direction' }), lock_version: '0' })
      .expect(302);
    const conflict = await a.agent
      .post(`/accompaniments/${acc.id}`)
      .type('form')
      .send({ _csrf: a.csrf, ...validForm({ title: 'Titre de la chargée' }), lock_version: '0' })
      .expect(409);
    expect(conflict.text).toContain('Quelqu’un a modifié cet accompagnement');
    expect(conflict.text).toContain('value="Titre de la chargée"');
    expect((await t.db('accompaniments').where({ id: acc.id }).first()).title).toBe('Titre de la direction');
    // Saving again from the conflict page is a deliberate overwrite of the current version.
    await a.agent
      .post(`/accompaniments/${acc.id}`)
      .type('form')
      .send({ _csrf: a.csrf, ...validForm({ title: 'Titre de la chargée' }), lock_version: '1' })
      .expect(302);
    expect((await t.db('accompaniments').where({ id: acc.id }).first()).title).toBe('Titre de la chargée');
  });
});
