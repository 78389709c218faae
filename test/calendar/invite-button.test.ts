import { addFunderUser, addProvider, createDeliveryCase, createSession } from '../factories/sessions';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the "send the invitation" button of a session page', () => {
  it('is offered to those who log sessions, not to read-only readers', async () => {
    const c = await createDeliveryCase(t.db);
    const sessionId = await createSession(t.db, c.accId, { title: 'Comité de pilotage' });
    const form = `action="/sessions/${sessionId}/invitations"`;
    const provider = await addProvider(t.db, c.accId);
    for (const email of [c.coordinator.email, provider.user.email]) {
      const { agent } = await loginAs(t.app, email);
      expect((await agent.get(`/sessions/${sessionId}`).expect(200)).text).toContain(form);
    }
    const funder = await addFunderUser(t.db, c.accId);
    const { agent } = await loginAs(t.app, funder.user.email);
    const page = await agent.get(`/sessions/${sessionId}`).expect(200);
    expect(page.text).not.toContain(form);
  });
});
