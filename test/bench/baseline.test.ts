import { createUser } from '../factories';
import { createTestApp, loginAs, type TestApp } from '../support/app';

// The benchmark's reference page exists only when BENCH_BASELINE=on, and only for a logged-in user.
describe('GET /bench/baseline', () => {
  let off: TestApp;
  let on: TestApp;
  beforeAll(async () => {
    off = await createTestApp();
    on = await createTestApp({ benchBaseline: true });
  }, 120_000); // two databases, on a machine that may be busy
  afterAll(async () => {
    await off.close();
    await on.close();
  });

  it('is not there by default (404)', async () => {
    const user = await createUser(off.db, { role: 'coordinator' });
    const { agent } = await loginAs(off.app, user.email);
    await agent.get('/bench/baseline').expect(404);
  });

  it('renders a minimal page in the layout after one query when switched on', async () => {
    const user = await createUser(on.db, { role: 'coordinator' });
    const { agent } = await loginAs(on.app, user.email);
    const res = await agent.get('/bench/baseline').expect(200);
    expect(res.text).toContain('<h1>');
    expect(res.text).toMatch(/<p>1<\/p>/);
    expect(res.text).toContain('</html>');
  });

  it('asks an anonymous visitor to log in', async () => {
    const res = await (await import('supertest')).default(on.app).get('/bench/baseline');
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});
