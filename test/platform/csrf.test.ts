import request from 'supertest';
import { createUser } from '../factories';
import { anonymousAgent, createTestApp, loginAs, TestApp, TEST_PASSWORD } from '../support/app';

const EXPIRED = 'Le formulaire a expiré ou a été envoyé depuis un autre site. Rechargez la page et recommencez.';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (table: string) => Number((await t.db(table).count({ n: '*' }))[0].n);

describe('CSRF protection', () => {
  it('refuses a signed-in form posted without a token or with a wrong one, and writes nothing', async () => {
    const admin = await createUser(t.db, { role: 'admin' });
    const { agent, csrf } = await loginAs(t.app, admin.email);
    const orgsBefore = await count('organisations');
    const auditBefore = await count('audit_log');

    for (const token of [undefined, 'not-the-token', `${csrf}x`]) {
      const body: Record<string, string> = { kind: 'operator', name: 'Association Forgée', department: '75' };
      if (token !== undefined) body._csrf = token;
      const res = await agent.post('/organisations').type('form').send(body).expect(403);
      expect(res.text).toContain('<html lang="fr">');
      expect(res.text).toContain('Accès refusé');
      expect(res.text).toContain(EXPIRED);
    }
    expect(await count('organisations')).toBe(orgsBefore);
    expect(await count('audit_log')).toBe(auditBefore);
    expect(await t.db('organisations').where({ name: 'Association Forgée' }).first()).toBeUndefined();

    // The same form with the page's token goes through.
    const res = await agent
      .post('/organisations')
      .type('form')
      .send({ _csrf: csrf, kind: 'operator', name: 'Association Forgée', department: '75' })
      .expect(302);
    const created = await t.db('organisations').where({ name: 'Association Forgée' }).first('id');
    expect(created).toBeDefined();
    expect(res.headers.location).toBe(`/organisations/${created.id}`);
    expect(await count('audit_log')).toBe(auditBefore + 1);
  });

  it('does not accept the token of another session', async () => {
    const admin = await createUser(t.db, { role: 'admin' });
    const mine = await loginAs(t.app, admin.email);
    const other = await anonymousAgent(t.app);
    const res = await mine.agent
      .post('/organisations')
      .type('form')
      .send({ _csrf: other.csrf, kind: 'operator', name: 'Association Volée', department: '75' })
      .expect(403);
    expect(res.text).toContain(EXPIRED);
    expect(await t.db('organisations').where({ name: 'Association Volée' }).first()).toBeUndefined();
  });

  it('does not log out on a forged logout form', async () => {
    const user = await createUser(t.db);
    const { agent, csrf } = await loginAs(t.app, user.email);
    const res = await agent.post('/logout').type('form').send({}).expect(403);
    expect(res.text).toContain(EXPIRED);
    await agent.get('/').expect(200); // still signed in
    const out = await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(302);
    expect(out.headers.location).toBe('/login?loggedOut=1');
    await agent.get('/').expect(302);
  });

  it('refuses a login form posted without a token', async () => {
    const user = await createUser(t.db);
    const auditBefore = await count('audit_log');

    // A visitor with a session, and a cross-site post with no session at all.
    const { agent } = await anonymousAgent(t.app);
    for (const client of [agent, request(t.app)]) {
      const res = await client
        .post('/login')
        .type('form')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(403);
      expect(res.text).toContain(EXPIRED);
    }
    await agent.get('/').expect(302); // not signed in
    expect(await count('audit_log')).toBe(auditBefore);
    const row = await t.db('users').where({ id: user.id }).first('last_login_at');
    expect(row.last_login_at).toBeNull();
  });
});
