import { createOrganisation, createUser } from '../factories';
import { createStructure } from '../factories/structures';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
let coordinator: Awaited<ReturnType<typeof loginAs>>;
beforeAll(async () => {
  t = await createTestApp();
  const operator = await createOrganisation(t.db, { kind: 'operator' });
  const user = await createUser(t.db, { role: 'coordinator', organisation_id: operator.id });
  coordinator = await loginAs(t.app, user.email);
});
afterAll(() => t.close());

const post = (path: string, fields: Record<string, string>) =>
  coordinator.agent
    .post(path)
    .type('form')
    .send({ _csrf: coordinator.csrf, name: `Structure ${Math.random()}`, ...fields });

describe('the structure form with the national lists', () => {
  it('offers the lists’ legal forms and sectors, stores codes (a label typed is its code), shows labels', async () => {
    const form = await coordinator.agent.get('/structures/new').expect(200);
    expect(form.text).toContain('<option value="insertion">Insertion par l’activité économique</option>');
    expect(form.text).toContain('<option value="scic">SCIC</option>');
    const res = await post('/structures', { legal_form: 'scic', sector: 'culture' }).expect(302);
    const id = /\/structures\/(\d+)/.exec(res.headers.location)![1];
    expect(await t.db('structures').where({ organisation_id: id }).first()).toMatchObject({
      legal_form: 'scic',
      sector: 'culture',
    });
    const page = await coordinator.agent.get(`/structures/${id}`).expect(200);
    expect(page.text).toContain('<dd>Culture</dd>');
    const typed = await post('/structures', { sector: 'environnement' }).expect(302);
    const typedId = /\/structures\/(\d+)/.exec(typed.headers.location)![1];
    expect((await t.db('structures').where({ organisation_id: typedId }).first()).sector).toBe('environment');
  });

  it('refuses a value of no list next to the field (422), but keeps what a structure already held', async () => {
    const refused = await post('/structures', { legal_form: 'sci', sector: 'culture' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Choisissez un élément de la liste.');
    const s = await createStructure(t.db);
    await t.db('structures').where({ organisation_id: s.id }).update({ sector: 'Insertion (IAE) et recyclage' });
    await t.db('reference_items').where({ list: 'legal_form', code: 'association' }).update({ active: false });
    try {
      const form = await coordinator.agent.get(`/structures/${s.id}/edit`).expect(200);
      expect(form.text).toContain('Insertion (IAE) et recyclage');
      expect(form.text).toContain('Association loi 1901 (désactivé)');
      const lock = /name="lock_version" value="(\d+)"/.exec(form.text)![1];
      await post(`/structures/${s.id}`, {
        name: s.name,
        legal_form: 'association',
        sector: 'Insertion (IAE) et recyclage',
        lock_version: lock,
      }).expect(302);
      expect(await t.db('structures').where({ organisation_id: s.id }).first()).toMatchObject({
        legal_form: 'association',
        sector: 'Insertion (IAE) et recyclage',
      });
      const fresh = await post('/structures', { legal_form: 'association' });
      expect(fresh.status).toBe(422);
    } finally {
      await t.db('reference_items').where({ list: 'legal_form', code: 'association' }).update({ active: true });
    }
  });
});

describe('the case form’s themes', () => {
  it('offers the national themes as checkboxes beside free ones, stores codes then typed themes, shows labels', async () => {
    const form = await coordinator.agent.get('/accompaniments/new').expect(200);
    expect(form.text).toContain('name="theme_codes" value="governance"');
    expect(form.text).toContain('Autres thèmes');
    const res = await coordinator.agent
      .post('/accompaniments')
      .type('form')
      .send({
        _csrf: coordinator.csrf,
        title: 'Consolidation du modèle économique',
        kind: 'individual',
        intake_on: '2016-01-04',
        theme_codes: ['economic_model', 'governance'],
        themes: 'Tarification des prestations\n',
      })
      .expect(302);
    const id = /\/accompaniments\/(\d+)/.exec(res.headers.location)![1];
    expect((await t.db('accompaniments').where({ id }).first()).themes).toEqual([
      'economic_model',
      'governance',
      'Tarification des prestations',
    ]);
    const page = await coordinator.agent.get(`/accompaniments/${id}`).expect(200);
    expect(page.text).toContain('<li>Modèle économique</li>');
    expect(page.text).toContain('<li>Tarification des prestations</li>');
    const edit = await coordinator.agent.get(`/accompaniments/${id}/edit`).expect(200);
    expect(edit.text).toMatch(/value="economic_model" checked/);
    expect(edit.text).not.toMatch(/value="digital" checked/);
    expect(edit.text).toMatch(
      /<textarea id="field-themes" name="themes" rows="4">Tarification des prestations<\/textarea>/,
    );
  });
});
