import { findItem, listOptions } from '../../src/reference-lists/lists';
import { createOrganisation, createUser } from '../factories';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function people() {
  const operator = await createOrganisation(t.db, { kind: 'operator' });
  const [admin, manager, coordinator] = await Promise.all([
    createUser(t.db, { role: 'admin', organisation_id: operator.id }),
    createUser(t.db, { role: 'manager', organisation_id: operator.id }),
    createUser(t.db, { role: 'coordinator', organisation_id: operator.id }),
  ]);
  return { admin, manager, coordinator, funder: await createUser(t.db, { role: 'funder' }) };
}

describe('the national lists page', () => {
  it('lets an admin add an item, rename and move it, deactivate and reactivate it, each audited', async () => {
    const { admin } = await people();
    const { agent, csrf } = await loginAs(t.app, admin.email);
    const page = await agent.get('/settings/lists').expect(200);
    expect(page.text).toContain('Listes nationales');
    expect(page.text).toContain('non une nomenclature officielle');
    expect(page.text).toContain('Gouvernance');
    expect(page.text).toContain('Association loi 1901');

    await agent
      .post('/settings/lists/theme')
      .type('form')
      .send({ _csrf: csrf, code: 'tiers_lieux', label_fr: 'Tiers-lieux', label_en: 'Third places', position: '' })
      .expect(302, /settings\/lists#list-theme/);
    const added = await findItem(t.db, 'theme', 'tiers_lieux');
    expect(added).toMatchObject({ label_fr: 'Tiers-lieux', active: true });
    expect(added!.position).toBeGreaterThan(100);

    await agent
      .post('/settings/lists/theme/tiers_lieux')
      .type('form')
      .send({ _csrf: csrf, label_fr: 'Tiers-lieux et espaces partagés', label_en: 'Third places', position: '5' })
      .expect(302);
    expect(await findItem(t.db, 'theme', 'tiers_lieux')).toMatchObject({
      label_fr: 'Tiers-lieux et espaces partagés',
      position: 5,
    });
    // First in the forms' order now.
    expect((await listOptions(t.db, ['theme'], 'fr')).theme[0].value).toBe('tiers_lieux');

    await agent
      .post('/settings/lists/theme/tiers_lieux/active')
      .type('form')
      .send({ _csrf: csrf, active: '0' })
      .expect(302);
    expect((await listOptions(t.db, ['theme'], 'fr')).theme.some((o) => o.value === 'tiers_lieux')).toBe(false);
    const after = await agent.get('/settings/lists').expect(200);
    expect(after.text).toContain('Désactivé');
    await agent
      .post('/settings/lists/theme/tiers_lieux/active')
      .type('form')
      .send({ _csrf: csrf, active: '1' })
      .expect(302);
    expect((await findItem(t.db, 'theme', 'tiers_lieux'))?.active).toBe(true);

    const actions = await t
      .db('audit_log')
      .where({ entity_type: 'reference_item', entity_id: 'theme:tiers_lieux' })
      .orderBy('id')
      .pluck('action');
    expect(actions).toEqual([
      'reference_item.add',
      'reference_item.edit',
      'reference_item.deactivate',
      'reference_item.reactivate',
    ]);
  });

  it('refuses bad input next to the field with the input kept (422): a code taken or badly written, a blank label, a wrong rank', async () => {
    const { admin } = await people();
    const { agent, csrf } = await loginAs(t.app, admin.email);
    const taken = await agent
      .post('/settings/lists/theme')
      .type('form')
      .send({ _csrf: csrf, code: 'governance', label_fr: 'Gouvernance bis', label_en: 'Governance' });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('Ce code existe déjà dans cette liste');
    expect(taken.text).toContain('value="Gouvernance bis"');
    const badCode = await agent
      .post('/settings/lists/sector')
      .type('form')
      .send({ _csrf: csrf, code: 'Économie sociale', label_fr: 'ESS', label_en: 'SSE' });
    expect(badCode.status).toBe(422);
    expect(badCode.text).toContain('Le code s’écrit en lettres minuscules');
    const blank = await agent
      .post('/settings/lists/theme/governance')
      .type('form')
      .send({ _csrf: csrf, label_fr: ' ', label_en: 'Governance', position: 'premier' });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('Saisissez un rang entier');
    expect(blank.text).toContain('value="premier"');
    expect((await findItem(t.db, 'theme', 'governance'))?.label_fr).toBe('Gouvernance');
    await agent
      .post('/settings/lists/colours')
      .type('form')
      .send({ _csrf: csrf, code: 'x', label_fr: 'x', label_en: 'x' })
      .expect(404);
    await agent.post('/settings/lists/theme/nope/active').type('form').send({ _csrf: csrf, active: '0' }).expect(404);
  });

  it('is the admins’ only: directors, coordinators and funders get 403 and change nothing', async () => {
    const { manager, coordinator, funder } = await people();
    for (const u of [manager, coordinator, funder]) {
      const { agent, csrf } = await loginAs(t.app, u.email);
      await agent.get('/settings/lists').expect(403);
      await agent
        .post('/settings/lists/theme')
        .type('form')
        .send({ _csrf: csrf, code: `intrus_${u.role}`, label_fr: 'Intrus', label_en: 'Intruder' })
        .expect(403);
      await agent
        .post('/settings/lists/theme/governance/active')
        .type('form')
        .send({ _csrf: csrf, active: '0' })
        .expect(403);
    }
    expect(await t.db('reference_items').where('code', 'like', 'intrus_%')).toHaveLength(0);
    expect((await findItem(t.db, 'theme', 'governance'))?.active).toBe(true);
  });
});
