import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createDemoApp, loginAs, TestApp } from '../support/app';

// The acceptance story of the demo: MIFE 90's comité d'appui gave its favourable opinion on Belfort's
// collective diagnostic on 13 October 2015, before the consultation opened on the 15th.
let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
}, 60_000);
afterAll(() => t.close());

describe('the demo’s comité d’appui', () => {
  it('holds Belfort’s favourable opinion before the consultation, shown to the coordinator and read by the DDETS member', async () => {
    const acc = await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id');
    const items = await t
      .db('support_committee_items as i')
      .join('support_committee_meetings as m', 'm.id', 'i.meeting_id')
      .where('i.accompaniment_id', acc.id)
      .select('m.meets_on', 'm.status', 'i.subject', 'i.opinion', 'i.opinion_on');
    expect(items).toHaveLength(4);
    for (const i of items)
      expect(i).toEqual({
        meets_on: '2015-10-13',
        status: 'held',
        subject: 'diagnostic',
        opinion: 'favorable',
        opinion_on: '2015-10-13',
      });
    const move = await t
      .db('accompaniment_transitions')
      .where({ accompaniment_id: acc.id, to_state: 'consultation' })
      .first('on_date');
    expect(items[0].opinion_on <= move.on_date).toBe(true);

    const c = await loginAs(t.app, 'coordination@jalons.test', DEMO_PASSWORD);
    const page = await c.agent.get(`/accompaniments/${acc.id}`).expect(200);
    expect(page.text).toContain('avis du 13 octobre 2015');

    const f = await loginAs(t.app, 'financeur@jalons.test', DEMO_PASSWORD);
    const home = await f.agent.get('/').expect(200);
    const meetingUrl = /href="(\/support-committee\/meetings\/\d+)"/.exec(home.text)?.[1];
    expect(meetingUrl).toBeDefined();
    const list = await f.agent.get('/support-committee').expect(200);
    expect(list.text).toContain('13 octobre 2015');
    const meeting = await t.db('support_committee_items').where({ accompaniment_id: acc.id }).first('meeting_id');
    const agenda = await f.agent.get(`/support-committee/meetings/${meeting.meeting_id}`).expect(200);
    expect(agenda.text).toContain('diagnostic collectif partagé des quatre SIAE');
    expect(agenda.text).toContain('Favorable');
    expect(agenda.text).not.toContain('/pathways/');
  });
});
