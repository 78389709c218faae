import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { createDemoApp, loginAs, TestApp } from '../support/app';

// A page that fails in its last query (here: reading the budget to draw the session form) must
// still answer with the error page. When a render helper's promise was not awaited, the failure
// escaped the request: no answer at all, and on a real server an unhandled rejection ends the
// process (seen in the load test's PostgreSQL outage).
let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

it('answers the error page when the session form cannot read the budget', async () => {
  const { agent } = await loginAs(t.app, 'coordination@jalons.test', DEMO_PASSWORD);
  const acc = await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id');
  const sessionId = (await t.db('sessions').where({ accompaniment_id: acc.id, status: 'planned' }).first('id'))?.id;
  // The form's choices come from other tables; the budget is the sum of the sessions' days.
  await t.db.raw('alter table sessions rename to sessions_hidden');
  try {
    const res = await agent.get(`/accompaniments/${acc.id}/sessions/new`).timeout(10_000);
    expect(res.status).toBe(500);
    expect(res.text).toContain('lang="fr"');
  } finally {
    await t.db.raw('alter table sessions_hidden rename to sessions');
  }
  if (sessionId) expect((await agent.get(`/sessions/${sessionId}/edit`)).status).toBe(200);
});
