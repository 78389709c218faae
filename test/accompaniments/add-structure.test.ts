import request from 'supertest';
import { caseUrl } from '../../src/accompaniments/tabs';
import { localToday } from '../../src/platform/dates';
import { createOrganisation, createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createStructure } from '../factories/structures';
import { createTestApp, loginAs, TestApp } from '../support/app';

/**
 * Adding a structure to a case happens on its own page (the overview only links to it): the
 * page lists the structures to choose from; bad input comes back on that page, in French, with
 * what was typed, and nothing saved.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const CHOOSE = 'Choisissez une structure accompagnée dans la liste.';
const BAD_DATE = 'Saisissez une date valide (jj/mm/aaaa).';

async function caseWithCoordinator() {
  const team = await createOperatorTeam(t.db);
  const acc = await createAccompaniment(t.db, {
    operatorId: team.operator.id,
    coordinatorId: team.coordinator.id,
    structures: 1,
    title: `Dossier ${Math.random().toString(36).slice(2, 8)}`,
  });
  const session = await loginAs(t.app, team.coordinator.email);
  return {
    ...team,
    acc,
    ...session,
    newUrl: `/accompaniments/${acc.id}/beneficiaries/new`,
    postUrl: `/accompaniments/${acc.id}/beneficiaries`,
  };
}

/** Everything an add could leave behind, to show that a refused one left nothing. */
const traces = async (accId: string) => ({
  beneficiaries: (await t.db('accompaniment_beneficiaries').where({ accompaniment_id: accId }).pluck('organisation_id'))
    .map(String)
    .sort(),
  changes: Number((await t.db('beneficiary_changes').where({ accompaniment_id: accId }).count({ n: '*' }))[0].n),
  audit: Number(
    (
      await t
        .db('audit_log')
        .where({ entity_type: 'accompaniment', entity_id: accId })
        .whereLike('action', 'beneficiary.%')
        .count({ n: '*' })
    )[0].n,
  ),
});

describe('the overview of a case', () => {
  it('links to the page that adds a structure instead of listing every structure of the département', async () => {
    const c = await caseWithCoordinator();
    const elsewhere = await createStructure(t.db, {
      name: `Chantier pas dans le dossier ${c.acc.id}`,
      department: '90',
    });
    const page = await c.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain(`<a class="button button--secondary" href="${c.newUrl}">Ajouter une structure</a>`);
    expect(page.text).not.toContain(elsewhere.name);
    expect(page.text).not.toContain('name="organisation_id"');
    expect(page.text).not.toContain('— Choisir une structure —');
  });

  it('shows no such link to those who only read the case', async () => {
    const c = await caseWithCoordinator();
    const beneficiary = await createUser(t.db, { role: 'beneficiary', organisation_id: c.acc.structures[0].id });
    const { agent } = await loginAs(t.app, beneficiary.email);
    const page = await agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain(`href="/structures/${c.acc.structures[0].id}"`);
    expect(page.text).not.toContain(c.newUrl);
    expect(page.text).not.toContain('Ajouter une structure');
  });
});

describe('the page that adds a structure', () => {
  it('offers the structures not yet in the case, adds the one chosen and goes back to the case', async () => {
    const c = await caseWithCoordinator();
    const candidate = await createStructure(t.db, { name: `Ressourcerie candidate ${c.acc.id}`, department: '90' });
    const page = await c.agent.get(c.newUrl).expect(200);
    expect(page.text).toContain('<h1>Ajouter une structure à l’accompagnement</h1>');
    expect(page.text).toMatch(
      new RegExp(`<p class="breadcrumb"><a href="${caseUrl(c.acc.id, 'beneficiaries')}">Dossier`),
    );
    expect(page.text).toContain(`<option value="${candidate.id}">${candidate.name}</option>`);
    expect(page.text).not.toContain(`<option value="${c.acc.structures[0].id}"`);
    expect(page.text).toContain('<a href="/structures/new">Structure absente de la liste ? La créer</a>');
    expect(page.text).toContain(`value="${localToday()}"`);
    expect(page.text).toContain(`<a href="${caseUrl(c.acc.id, 'beneficiaries')}">Annuler</a>`);

    const res = await c.agent
      .post(c.postUrl)
      .type('form')
      .send({ _csrf: c.csrf, organisation_id: candidate.id, joined_on: '2026-01-10' })
      .expect(302);
    expect(res.headers.location).toBe(caseUrl(c.acc.id, 'beneficiaries'));
    const after = await c.agent.get(res.headers.location.split('#')[0]).expect(200);
    expect(after.text).toContain('La structure est ajoutée à l’accompagnement.');
    expect(after.text).toContain(`href="/structures/${candidate.id}"`);
    const row = await t
      .db('accompaniment_beneficiaries')
      .where({ accompaniment_id: c.acc.id, organisation_id: candidate.id })
      .first('status', 'joined_on');
    expect(row).toEqual({ status: 'active', joined_on: '2026-01-10' });
  });

  it('says so, and adds nothing, for a structure already in the case', async () => {
    const c = await caseWithCoordinator();
    const before = await traces(c.acc.id);
    const res = await c.agent
      .post(c.postUrl)
      .type('form')
      .send({ _csrf: c.csrf, organisation_id: c.acc.structures[0].id, joined_on: '2026-01-10' })
      .expect(302);
    const after = await c.agent.get(res.headers.location.split('#')[0]).expect(200);
    expect(after.text).toContain('Cette structure fait déjà partie de l’accompagnement.');
    expect((await traces(c.acc.id)).beneficiaries).toEqual(before.beneficiaries);
    expect((await traces(c.acc.id)).changes).toBe(before.changes);
  });

  it('answers bad input on the same page (422), in French, with what was typed, and saves nothing', async () => {
    const c = await caseWithCoordinator();
    const candidate = await createStructure(t.db, { name: `Atelier choisi ${c.acc.id}`, department: '90' });
    const funder = await createOrganisation(t.db, { kind: 'funder', name: `Financeur pas une structure ${c.acc.id}` });
    const before = await traces(c.acc.id);
    const post = (body: Record<string, unknown>) =>
      c.agent
        .post(c.postUrl)
        .type('form')
        .send({ _csrf: c.csrf, ...body })
        .expect(422);

    // No structure chosen, an impossible date: both said, the date kept.
    const none = await post({ organisation_id: '', joined_on: '2026-02-30' });
    expect(none.text).toContain('data-focus-on-load');
    expect(none.text).toContain('<p class="field-error" id="field-organisation_id-error">' + CHOOSE + '</p>');
    expect(none.text).toContain('<p class="field-error" id="field-joined_on-error">' + BAD_DATE + '</p>');
    expect(none.text).toContain('value="2026-02-30"');
    expect(none.text).toContain('<h1>Ajouter une structure à l’accompagnement</h1>');

    // A structure chosen, a bad date: the choice stays selected.
    const badDate = await post({ organisation_id: candidate.id, joined_on: 'demain' });
    expect(badDate.text).toContain(`<option value="${candidate.id}" selected>`);
    expect(badDate.text).toContain('value="demain"');
    expect(badDate.text).not.toContain(CHOOSE);

    // Garbage, an organisation that is not a structure, a list instead of one value, nothing at all.
    for (const body of [
      { organisation_id: 'abc', joined_on: '2026-01-10' },
      { organisation_id: funder.id, joined_on: '2026-01-10' },
      { organisation_id: [candidate.id, funder.id], joined_on: '2026-01-10' },
      {},
    ]) {
      const res = await post(body);
      expect(res.text).toContain(CHOOSE);
    }
    const notStructure = await post({ organisation_id: funder.id, joined_on: '2026-01-10' });
    expect(notStructure.text).toContain('value="2026-01-10"');
    expect(await traces(c.acc.id)).toEqual(before);
  });

  it('speaks English to an English reader', async () => {
    const c = await caseWithCoordinator();
    const english = await createUser(t.db, { role: 'manager', organisation_id: c.operator.id, locale: 'en' });
    const { agent, csrf } = await loginAs(t.app, english.email);
    const page = await agent.get(c.newUrl).expect(200);
    expect(page.text).toContain('<h1>Add an organisation to the accompaniment</h1>');
    expect(page.text).toContain('Not in the list? Create it');
    const bad = await agent
      .post(c.postUrl)
      .type('form')
      .send({ _csrf: csrf, organisation_id: '', joined_on: 'x' })
      .expect(422);
    expect(bad.text).toContain('Choose a supported organisation from the list.');
    expect(bad.text).not.toContain(CHOOSE);
  });

  it('is closed to those who may not change the case: 403 in the case, 404 outside it', async () => {
    const c = await caseWithCoordinator();
    const candidate = await createStructure(t.db, { department: '90' });
    const funder = await createOrganisation(t.db, { kind: 'funder' });
    await t.db('accompaniment_funding').insert({ accompaniment_id: c.acc.id, funder_id: funder.id, amount_eur: 1000 });
    const before = await traces(c.acc.id);
    const cases = [
      { user: await createUser(t.db, { role: 'beneficiary', organisation_id: c.acc.structures[0].id }), status: 403 },
      { user: await createUser(t.db, { role: 'funder', organisation_id: funder.id }), status: 403 },
      { user: (await createOperatorTeam(t.db)).coordinator, status: 404 },
      { user: await createUser(t.db, { role: 'provider' }), status: 404 },
    ];
    for (const { user, status } of cases) {
      const { agent, csrf } = await loginAs(t.app, user.email);
      expect([user.role, (await agent.get(c.newUrl)).status]).toEqual([user.role, status]);
      const res = await agent
        .post(c.postUrl)
        .type('form')
        .send({ _csrf: csrf, organisation_id: candidate.id, joined_on: '2026-01-10' });
      expect([user.role, res.status]).toEqual([user.role, status]);
    }
    expect((await request(t.app).get(c.newUrl).expect(302)).headers.location).toMatch(/^\/login/);
    expect((await c.agent.get(`/accompaniments/999999999/beneficiaries/new`)).status).toBe(404);
    expect(await traces(c.acc.id)).toEqual(before);
  });
});
