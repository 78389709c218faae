import { createOrganisation, createUser } from '../factories';
import {
  addBeneficiaryRow,
  createAccompanimentOf,
  createStructure,
  fundAccompaniment,
  selectProvider,
} from '../factories/structures';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;

/**
 * Two operators. Chamois takes part in a case of each: MIFE's (where it withdrew in November 2016)
 * and the other operator's. Chacasol is only in MIFE's case; Solo in no case at all.
 */
const world = {} as {
  mife: string;
  other: string;
  chamois: string;
  chacasol: string;
  solo: string;
  mifeCase: string;
  otherCase: string;
  funder: string;
  provider: string;
};

beforeAll(async () => {
  t = await createTestApp();
  world.mife = (await createOrganisation(t.db, { kind: 'operator', name: 'MIFE 90' })).id;
  world.other = (await createOrganisation(t.db, { kind: 'operator', name: 'DLA du Doubs' })).id;
  world.chamois = (
    await createStructure(t.db, { name: 'Chamois', siae_type: 'ACI', employees: 49, employees_in_insertion: 40 })
  ).id;
  world.chacasol = (
    await createStructure(t.db, { name: 'Chacasol', siae_type: 'ACI', employees: 15, employees_in_insertion: 13 })
  ).id;
  world.solo = (await createStructure(t.db, { name: 'Solo' })).id;
  world.mifeCase = (
    await createAccompanimentOf(t.db, world.mife, { title: 'Appui à la création d’un GES', state: 'close_out' })
  ).id;
  world.otherCase = (
    await createAccompanimentOf(t.db, world.other, { title: 'Stratégie commerciale du Doubs', state: 'delivery' })
  ).id;
  await addBeneficiaryRow(t.db, world.mifeCase, world.chamois, { joined_on: '2015-10-15', withdrawn_on: '2016-11-15' });
  await addBeneficiaryRow(t.db, world.mifeCase, world.chacasol, { joined_on: '2015-10-15' });
  await addBeneficiaryRow(t.db, world.otherCase, world.chamois, { joined_on: '2017-03-01' });
  world.funder = (await createOrganisation(t.db, { kind: 'funder', name: 'Banque des Territoires' })).id;
  await fundAccompaniment(t.db, world.mifeCase, world.funder, '7000');
  world.provider = (await createOrganisation(t.db, { kind: 'provider', name: 'COORACE' })).id;
  await selectProvider(t.db, world.otherCase, world.provider);
});
afterAll(() => t.close());

const login = async (
  role: 'admin' | 'manager' | 'coordinator' | 'provider' | 'funder' | 'relay' | 'beneficiary',
  organisation_id?: string,
) => loginAs(t.app, (await createUser(t.db, { role, organisation_id })).email);

/** The main navigation of a page. */
const navOf = (html: string) => html.match(/<nav class="main-nav"[\s\S]*?<\/nav>/)?.[0] ?? '';

const structureForm = (csrf: string) => ({
  _csrf: csrf,
  name: 'Structure interdite',
  siae_type: 'ACI',
  employees: '5',
  employees_in_insertion: '3',
});

describe('who may create and edit structures', () => {
  it.each(['funder', 'provider', 'relay', 'beneficiary'] as const)(
    'a %s user gets 403 on the creation form and its submission',
    async (role) => {
      const { agent, csrf } = await login(role);
      await agent.get('/structures/new').expect(403);
      await agent.post('/structures').type('form').send(structureForm(csrf)).expect(403);
      expect(await t.db('organisations').where({ name: 'Structure interdite' }).first()).toBeUndefined();
    },
  );

  it.each(['admin', 'manager', 'coordinator'] as const)(
    'a %s of any operator creates structures and edits any of them',
    async (role) => {
      const { agent, csrf } = await login(role, world.other);
      const page = await agent.get('/structures').expect(200);
      expect(page.text).toContain('href="/structures/new"');
      expect(navOf(page.text)).toContain('href="/structures"');
      await agent
        .post('/structures')
        .type('form')
        .send({ ...structureForm(csrf), name: `Créée par ${role}` })
        .expect(302);
      const edit = await agent.get(`/structures/${world.chacasol}/edit`).expect(200);
      expect(edit.text).toContain('value="Chacasol"');
    },
  );

  it('a beneficiary user reads its own structure but may not edit it or its contacts', async () => {
    const { agent, csrf } = await login('beneficiary', world.chacasol);
    const page = await agent.get(`/structures/${world.chacasol}`).expect(200);
    expect(page.text).toContain('<h1>Chacasol</h1>');
    expect(page.text).not.toContain(`href="/structures/${world.chacasol}/edit"`);
    expect(page.text).not.toContain('Ajouter un contact');
    expect(navOf(page.text)).not.toContain('href="/structures"');
    await agent.get(`/structures/${world.chacasol}/edit`).expect(403);
    await agent
      .post(`/structures/${world.chacasol}`)
      .type('form')
      .send({ ...structureForm(csrf), name: 'Chacasol' })
      .expect(403);
    await agent
      .post(`/structures/${world.chacasol}/contacts`)
      .type('form')
      .send({ _csrf: csrf, name: 'Intrus', role: 'other' })
      .expect(403);
    const list = await agent.get('/structures').expect(200);
    expect(list.text).toContain('Chacasol');
    expect(list.text).not.toContain('Chamois');
    expect(list.text).not.toContain('href="/structures/new"');
  });

  it('a beneficiary user gets 404 on another structure’s page, even one of the same accompaniment', async () => {
    const { agent, csrf } = await login('beneficiary', world.chacasol);
    await agent.get(`/structures/${world.chamois}`).expect(404);
    await agent.get(`/structures/${world.solo}`).expect(404);
    await agent
      .post(`/structures/${world.chamois}/contacts`)
      .type('form')
      .send({ _csrf: csrf, name: 'Intrus', role: 'other' })
      .expect(404);
  });
});

describe('what providers, funders and relays see', () => {
  it('a funder sees the structures of the accompaniments it funds, read-only and without contacts', async () => {
    const { agent } = await login('funder', world.funder);
    const page = await agent.get(`/structures/${world.chacasol}`).expect(200);
    expect(page.text).toContain('<h1>Chacasol</h1>');
    expect(page.text).not.toContain('Contacts');
    expect(page.text).not.toContain(`/structures/${world.chacasol}/edit`);
    await agent.get(`/structures/${world.solo}`).expect(404);
    expect(navOf(page.text)).toContain('href="/accompaniments"');
    expect(navOf(page.text)).not.toContain('href="/structures"');
    const list = await agent.get('/structures').expect(200);
    expect(list.text).toContain('Chacasol');
    expect(list.text).toContain('Chamois');
    expect(list.text).not.toContain('Solo');
  });

  it('a provider sees only the structures of the accompaniments it was selected for', async () => {
    const { agent } = await login('provider', world.provider);
    await agent.get(`/structures/${world.chamois}`).expect(200);
    await agent.get(`/structures/${world.chacasol}`).expect(404);
    await agent.get(`/structures/${world.solo}`).expect(404);
  });

  it('a provider whose bid was not selected sees nothing', async () => {
    const loser = await createOrganisation(t.db, { kind: 'provider', name: 'Cabinet non retenu' });
    await t.db('consultation_bids').insert({
      accompaniment_id: world.mifeCase,
      provider_id: loser.id,
      invited_on: '2015-11-01',
      status: 'not_selected',
    });
    const { agent } = await login('provider', loser.id);
    await agent.get(`/structures/${world.chacasol}`).expect(404);
  });

  it('a relay sees no structure and no directory', async () => {
    const { agent } = await login('relay');
    await agent.get('/structures').expect(403);
    await agent.get(`/structures/${world.chacasol}`).expect(404);
  });
});

describe('the accompaniments on a structure page', () => {
  it('shows a coordinator only its operator’s accompaniments, with the structure’s withdrawal and its date', async () => {
    const { agent } = await login('coordinator', world.mife);
    const page = await agent.get(`/structures/${world.chamois}`).expect(200);
    expect(page.text).toContain(`href="/accompaniments/${world.mifeCase}"`);
    expect(page.text).toContain('Appui à la création d’un GES');
    expect(page.text).toContain('Restitution / bilan');
    expect(page.text).toContain('Sortie le 15 novembre 2016');
    expect(page.text).not.toContain('Stratégie commerciale du Doubs');

    const list = await agent.get('/structures?q=chamois').expect(200);
    expect(list.text).toMatch(/Chamois<\/a>[\s\S]*?<td class="num">1<\/td>\s*<\/tr>/);
  });

  it('shows an admin every accompaniment of the structure', async () => {
    const { agent } = await login('admin');
    const page = await agent.get(`/structures/${world.chamois}`).expect(200);
    expect(page.text).toContain('Appui à la création d’un GES');
    expect(page.text).toContain('Stratégie commerciale du Doubs');
    expect(page.text).toContain('Active depuis le 1er mars 2017');
    const list = await agent.get('/structures?q=chamois').expect(200);
    expect(list.text).toMatch(/Chamois<\/a>[\s\S]*?<td class="num">2<\/td>\s*<\/tr>/);
  });

  it('shows a funder only the accompaniments it funds', async () => {
    const { agent } = await login('funder', world.funder);
    const page = await agent.get(`/structures/${world.chamois}`).expect(200);
    expect(page.text).toContain('Appui à la création d’un GES');
    expect(page.text).not.toContain('Stratégie commerciale du Doubs');
  });

  it('shows the other operator’s coordinator a structure of the national directory without MIFE’s case', async () => {
    const { agent } = await login('coordinator', world.other);
    const page = await agent.get(`/structures/${world.chacasol}`).expect(200);
    expect(page.text).toContain('Aucun accompagnement visible pour cette structure.');
    expect(page.text).not.toContain('Appui à la création d’un GES');
  });

  it('is linked from the accompaniment page', async () => {
    const { agent } = await login('coordinator', world.mife);
    const acc = await agent.get(`/accompaniments/${world.mifeCase}`).expect(200);
    expect(acc.text).toContain(`href="/structures/${world.chacasol}"`);
    await agent.get(`/structures/${world.chacasol}`).expect(200);
  });
});
