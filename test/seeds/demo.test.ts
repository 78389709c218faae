import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { seed } from '../../seeds/demo';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createTestApp, csrfOf, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seed(t.db);
});
afterAll(() => t.close());

async function loginDemo(email: string) {
  const agent = request.agent(t.app);
  const page = await agent.get('/login');
  await agent.post('/login').type('form').send({ _csrf: csrfOf(page.text), email, password: DEMO_PASSWORD }).expect(302);
  return agent;
}

const belfort = () => t.db('accompaniments').where({ title: BELFORT_TITLE }).first();

describe('the demo data set', () => {
  it('records the Belfort case: four structures, 6 days, 7,000 €, COORACE selected among four bidders', async () => {
    const acc = await belfort();
    expect(acc).toBeDefined();
    expect(acc.kind).toBe('collective');
    expect(Number(acc.budget_days)).toBe(6);
    expect(Number(acc.budget_eur)).toBe(7000);
    const beneficiaries = await t.db('accompaniment_beneficiaries as b').join('organisations as o', 'o.id', 'b.organisation_id').where('b.accompaniment_id', acc.id).select('o.name', 'b.status', 'b.withdrawn_on', 'b.withdrawal_reasons', 'b.may_rejoin');
    expect(beneficiaries.map((b) => b.name).sort()).toEqual(['Chacasol', 'Chamois', 'Energie Emploi', 'Intermed']);
    const chamois = beneficiaries.find((b) => b.name === 'Chamois')!;
    expect(chamois.status).toBe('withdrawn');
    expect(chamois.withdrawn_on).toBe('2016-11-15');
    expect(chamois.withdrawal_reasons).toContain('direction partagée');
    expect(chamois.may_rejoin).toContain("le chantier d'insertion");
    const bids = await t.db('consultation_bids as b').join('organisations as o', 'o.id', 'b.provider_id').where('b.accompaniment_id', acc.id).select('o.name', 'b.status');
    expect(bids).toHaveLength(4);
    expect(bids.filter((b) => b.status === 'selected').map((b) => b.name)).toEqual(['COORACE – fédération nationale']);
    const validations = await t.db('diagnostic_validations').where({ accompaniment_id: acc.id }).select('validated_on');
    expect(validations.map((v) => v.validated_on)).toEqual(['2015-10-15', '2015-10-15', '2015-10-15', '2015-10-15']);
    expect(await t.db('diagnostic_objectives').where({ accompaniment_id: acc.id }).pluck('theme')).toHaveLength(8);
    expect(await t.db('phases').where({ accompaniment_id: acc.id }).orderBy('position').pluck('name')).toEqual([
      'Projet politique et organisation stratégique',
      'Réflexions stratégiques (8 groupes de travail)',
      'Mise en place opérationnelle du regroupement',
    ]);
    expect(await t.db('notices').where({ accompaniment_id: acc.id }).orderBy('on_date').pluck('on_date')).toEqual(['2015-11-15', '2015-12-15']);
    const chacasol = await t.db('structures as s').join('organisations as o', 'o.id', 's.organisation_id').where('o.name', 'Chacasol').first();
    expect(chacasol).toMatchObject({ siae_type: 'ACI', taxable: true, employees: 15, employees_in_insertion: 13 });
  });

  it('adds smaller fictional cases in other states', async () => {
    const states = await t.db('accompaniments').whereNot({ title: BELFORT_TITLE }).pluck('state');
    expect(new Set(states)).toEqual(new Set(['intake', 'diagnostic', 'consultation']));
  });

  it('can be loaded again without duplicating anything', async () => {
    const count = async () => (await t.db('accompaniments').count('* as n').first())!.n;
    const before = await count();
    await seed(t.db);
    expect(await count()).toBe(before);
    expect(await t.db('users').whereIn('email', DEMO_ACCOUNTS.map((a) => a.email)).count('* as n').first()).toEqual({ n: String(DEMO_ACCOUNTS.length) });
  });

  it('shows the case to the coordinator, the selected provider, the funder and the beneficiary', async () => {
    const acc = await belfort();
    for (const email of ['coordination@jalons.test', 'direction@jalons.test', 'prestataire@jalons.test', 'financeur@jalons.test', 'structure@jalons.test']) {
      const agent = await loginDemo(email);
      const page = await agent.get(`/accompaniments/${acc.id}`).expect(200);
      expect(page.text).toContain('Groupe économique solidaire (GES)');
      expect(page.text).toContain('Chamois');
    }
    const relay = await loginDemo('relais@jalons.test');
    await relay.get(`/accompaniments/${acc.id}`).expect(404);
  });

  it('shows the coordinator their cases on the home page', async () => {
    const agent = await loginDemo('coordination@jalons.test');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Mes accompagnements');
    expect(home.text).toContain('Suivi post-accompagnement');
    expect(home.text).toContain('Consolidation du modèle économique');
  });
});
