import { createAccompaniment } from '../factories/accompaniments';
import { createOrganisation, createUser } from '../factories';
import { createStructure } from '../factories/structures';
import { createTestApp, loginAs, type TestApp } from '../support/app';

// A national instance has 20,000 structures: the page that adds a structure to a case offers only
// those of the case's département (and those with none recorded). The case page itself lists none.
describe('structures offered to add to an accompaniment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists the structures of the case’s département and those without one, not the others', async () => {
    const operator = await createOrganisation(t.db, { kind: 'operator' });
    const coordinator = await createUser(t.db, { role: 'coordinator', organisation_id: operator.id });
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      structures: 0,
    });
    const here = await createStructure(t.db, { name: 'Ressourcerie du Territoire', department: '90' });
    const nowhere = await createStructure(t.db, { name: 'Atelier sans département', department: null });
    const elsewhere = await createStructure(t.db, { name: 'Chantier du Doubs', department: '25' });

    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${acc.id}/beneficiaries/new`).expect(200);
    expect(page.text).toContain(`value="${here.id}"`);
    expect(page.text).toContain(`value="${nowhere.id}"`);
    expect(page.text).toContain(
      'Sont proposées les structures du département 90 et celles dont le département n’est pas renseigné.',
    );
    expect(page.text).not.toContain('Chantier du Doubs');
    expect(page.text).not.toContain(`<option value="${elsewhere.id}"`);
    // The case page lists none of them: it links to that page.
    const overview = await agent.get(`/accompaniments/${acc.id}`).expect(200);
    for (const s of [here, nowhere]) expect(overview.text).not.toContain(s.name);
    expect(overview.text).toContain(`href="/accompaniments/${acc.id}/beneficiaries/new"`);
  });

  it('still offers every structure when the case has no département', async () => {
    const operator = await createOrganisation(t.db, { kind: 'operator' });
    const coordinator = await createUser(t.db, { role: 'coordinator', organisation_id: operator.id });
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      structures: 0,
    });
    await t.db('accompaniments').where({ id: acc.id }).update({ department: null });
    await createStructure(t.db, { name: 'Chantier de la Haute-Saône', department: '70' });

    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${acc.id}/beneficiaries/new`).expect(200);
    expect(page.text).toContain('Chantier de la Haute-Saône');
    expect(page.text).not.toContain('Sont proposées les structures du département');
  });
});
