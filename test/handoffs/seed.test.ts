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

describe('the demo handoff', () => {
  it('hands Belfort to the COORACE regional delegation, with its committee, workstreams and key dates, acknowledged', async () => {
    const acc = await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id', 'state');
    expect(acc.state).toBe('follow_up');
    const handoffs = await t
      .db('handoffs as h')
      .join('organisations as r', 'r.id', 'h.relay_id')
      .where('h.accompaniment_id', acc.id)
      .select('h.*', 'r.name as relay');
    expect(handoffs).toHaveLength(1);
    const [h] = handoffs;
    expect(h.relay).toBe('COORACE – délégation régionale');
    expect(h.management_committee).toBe(caseData.post_accompaniment.management_committee);
    expect(h.workstreams).toEqual(caseData.post_accompaniment.workstreams);
    expect(h.acknowledged_at).not.toBeNull();
    const relayUser = await t.db('users').where({ email: 'relais@jalons.test' }).first('id');
    expect(String(h.acknowledged_by)).toBe(String(relayUser.id));
    expect(
      await t.db('handoff_key_dates').where({ handoff_id: h.id }).orderBy('on_date').select('on_date', 'approximate'),
    ).toEqual([
      { on_date: '2017-06-30', approximate: true },
      { on_date: '2018-01-01', approximate: false },
    ]);
    const offsets = await t
      .db('follow_up_checkpoints')
      .where({ accompaniment_id: acc.id })
      .orderBy('offset_months')
      .pluck('offset_months');
    expect(offsets).toEqual(t.deps.config.followUpOffsetsMonths);

    // The relay account opens the package from its home page.
    const agent = request.agent(t.app);
    const login = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), email: 'relais@jalons.test', password: DEMO_PASSWORD })
      .expect(302);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain(`/handoffs/${h.id}`);
    const pkg = await agent.get(`/handoffs/${h.id}`).expect(200);
    expect(pkg.text).toContain('Statuts de la nouvelle association support');
    expect(pkg.text).toContain('Retour possible');
    expect(pkg.text).toContain('Réception accusée le 5 décembre 2016');
  });
});
