import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import caseData from '../../seeds/data/belfort-ges-case.json';
import { seed } from '../../seeds/demo';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createDemoApp, csrfOf, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
  await seed(t.db); // idempotent: seeding the demo again changes nothing
});
afterAll(() => t.close());

describe('the Belfort demo follow-up', () => {
  it('has the 6-month checkpoint recorded by the relay, with the headcounts of the three remaining structures', async () => {
    const acc = await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id');
    const rows = await t.db('follow_up_checkpoints').where({ accompaniment_id: acc.id }).orderBy('offset_months');
    expect(rows.map((r) => r.offset_months)).toEqual([6, 12, 18]);
    const [six, twelve] = rows;
    const relay = await t.db('users').where({ email: 'relais@jalons.test' }).first('id');
    expect(six).toMatchObject({
      jobs_rating: 'stable',
      economic_health_rating: 'improved',
      recorded_by: relay.id,
      lock_version: 1,
    });
    const stayed = caseData.structures.filter((s) => s.name !== caseData.withdrawal.structure);
    expect(six.employees).toBe(stayed.reduce((n, s) => n + s.employees, 0));
    expect(six.employees_in_insertion).toBe(stayed.reduce((n, s) => n + s.employees_in_insertion, 0));
    for (const w of caseData.post_accompaniment.workstreams) expect(six.notes).toContain(w);
    expect(twelve.recorded_at).toBeNull();
  });

  it('shows the relay the checkpoints left to record on its home page', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: 'relais@jalons.test', password: DEMO_PASSWORD })
      .expect(302);
    const home = (await agent.get('/').expect(200)).text;
    expect(home).toContain('Points de suivi à saisir');
    expect(home).toContain('À 12 mois');
  });
});
