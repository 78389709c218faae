import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { getCaseTab } from '../support/case-page';
import { createDemoApp, loginAs, TestApp } from '../support/app';

// One rule (sessionPolicy.seeRecord): a funder reads a session's date, type, body, phase, days and
// attendance counts; not the names of who came or logged it, the minutes, decisions or action items.
let t: TestApp;
let accId: string;
let session: { id: string; title: string; minutes: string; decisions: string };
let attendee: string;
let action: string;
beforeAll(async () => {
  t = await createDemoApp();
  accId = String((await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id')).id);
  const s = await t
    .db('sessions')
    .where({ accompaniment_id: accId })
    .whereNotNull('minutes')
    .whereNotNull('decisions')
    .orderBy('starts_at')
    .first('id', 'title', 'minutes', 'decisions');
  session = { ...s, id: String(s.id) };
  // Someone present at it, and an action item of it (given one when the demo has none).
  const a = await t.db('session_attendees').where({ session_id: session.id }).first('name');
  attendee = a.name;
  const existing = await t.db('action_items').where({ session_id: session.id }).first('what');
  action = existing?.what ?? 'Préparer le budget commun de la GES';
  if (!existing)
    await t
      .db('action_items')
      .insert({ accompaniment_id: accId, session_id: session.id, what: action, status: 'open' });
}, 120_000);
afterAll(() => t.close());

const firstLine = (s: string) => s.split(/\r?\n/)[0].trim();

describe('what a funder sees of a session', () => {
  it('the date, type, phase, days and how many came — no names, minutes, decisions or action items', async () => {
    const { agent } = await loginAs(t.app, 'financeur@jalons.test', DEMO_PASSWORD);
    const page = await agent.get(`/sessions/${session.id}`).expect(200);
    expect(page.text).toContain(session.title);
    expect(page.text).toMatch(/présent·es? sur \d+ invité·es?/);
    expect(page.text).not.toContain(attendee);
    expect(page.text).not.toContain(firstLine(session.minutes));
    expect(page.text).not.toContain(firstLine(session.decisions));
    expect(page.text).not.toContain(action);
    expect(page.text).not.toContain('id="minutes"');
  });

  it('no attendance table by name, no action items on the case’s delivery tab', async () => {
    const { agent } = await loginAs(t.app, 'financeur@jalons.test', DEMO_PASSWORD);
    await agent.get(`/accompaniments/${accId}/attendance`).expect(403);
    const tab = (await getCaseTab(agent, accId, 'sessions').expect(200)).text;
    expect(tab).not.toContain(`/accompaniments/${accId}/attendance`);
    expect(tab).not.toContain(action);
    const list = await agent.get(`/accompaniments/${accId}/sessions`).expect(200);
    expect(list.text).toContain(session.title);
    expect(list.text).not.toContain(`/accompaniments/${accId}/attendance`);
  });

  it('the coordinator and the provider still read the whole record', async () => {
    for (const email of ['coordination@jalons.test', 'prestataire@jalons.test']) {
      const { agent } = await loginAs(t.app, email, DEMO_PASSWORD);
      const page = await agent.get(`/sessions/${session.id}`).expect(200);
      expect(page.text).toContain(attendee);
      expect(page.text).toContain(firstLine(session.minutes));
      expect(page.text).toContain(action);
      await agent.get(`/accompaniments/${accId}/attendance`).expect(200);
    }
  });
});
