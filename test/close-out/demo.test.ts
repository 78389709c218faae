import { BELFORT_TITLE } from '../../seeds/belfort';
import { seed } from '../../seeds/demo';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createDemoApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const loginDemo = async (email: string) => (await loginAs(t.app, email, DEMO_PASSWORD)).agent;

describe('the Belfort close-out in the demo data', () => {
  it('has the restitution held, a survey per remaining structure, results per objective and new needs; seeding again changes nothing', async () => {
    const acc = await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id');
    const coordinator = await loginDemo('coordination@jalons.test');
    const page = await coordinator.get(`/accompaniments/${acc.id}/close-out`).expect(200);
    expect(page.text).toContain('Réunion de restitution tenue le 15 novembre 2016');
    expect(page.text).toContain('Questionnaires de satisfaction : 3 sur 3 structures');
    expect(page.text).toContain('Résultats par objectif : 8 sur 8 renseignés');
    expect(page.text).toContain('association support prévue courant 2017');
    expect(page.text).toContain('<li>Fusion des logiciels</li>');
    // Intermed answered itself; the two others were entered by the coordinator.
    expect(page.text).toContain('Julie Moreau, pour la structure');

    const counts = async () => ({
      surveys: (await t.db('satisfaction_surveys').where({ accompaniment_id: acc.id })).length,
      results: (await t.db('objective_results').where({ accompaniment_id: acc.id })).length,
    });
    const before = await counts();
    expect(before).toEqual({ surveys: 3, results: 8 });
    await seed(t.db);
    expect(await counts()).toEqual(before);

    // The provider reads the averages only; the structure's user can change its own answers.
    const provider = await loginDemo('prestataire@jalons.test');
    const seen = await provider.get(`/accompaniments/${acc.id}/close-out`).expect(200);
    expect(seen.text).toContain('Moyenne des questionnaires (3 réponse·s), sur 5');
    expect(seen.text).not.toContain('calendrier des séances était serré');
    const structure = await loginDemo('structure@jalons.test');
    const intermed = await t.db('organisations').where({ name: 'Intermed' }).first('id');
    await structure.get(`/accompaniments/${acc.id}/close-out/survey/${intermed.id}`).expect(200);
  });
});
