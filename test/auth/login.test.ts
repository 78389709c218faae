import request from 'supertest';
import { createUser } from '../factories';
import { anonymousAgent, createTestApp, loginAs, TestApp, TEST_PASSWORD } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('login', () => {
  it('shows a French login page by default', async () => {
    const res = await request(t.app).get('/login').expect(200);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Connexion à Jalons');
    expect(res.text).toContain('name="_csrf"');
  });

  it('sends an anonymous visitor of a page to the login, remembering the page', async () => {
    const res = await request(t.app).get('/users?role=admin').expect(302);
    expect(res.headers.location).toBe('/login?next=%2Fusers%3Frole%3Dadmin');
  });

  it('logs in, regenerates the session id, and lands on the home page', async () => {
    const user = await createUser(t.db, { role: 'coordinator', name: 'Julie Test' });
    const { agent, csrf } = await anonymousAgent(t.app);
    const before = (await agent.get('/login')).headers['set-cookie'];
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: user.email.toUpperCase(), password: TEST_PASSWORD })
      .expect(302);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/jalons\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toBe(String(before));
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Bonjour Julie Test');
    expect(home.text).toContain('Chargé·e de mission DLA');
    const row = await t.db('users').where({ id: user.id }).first('last_login_at');
    expect(row.last_login_at).not.toBeNull();
  });

  it('goes back to the page asked for before login, never to another site', async () => {
    const user = await createUser(t.db, { role: 'admin' });
    for (const [next, expected] of [
      ['/users', '/users'],
      ['//evil.example', '/'],
      ['https://evil.example', '/'],
    ]) {
      const { agent, csrf } = await anonymousAgent(t.app);
      const res = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, email: user.email, password: TEST_PASSWORD, next })
        .expect(302);
      expect(res.headers.location).toBe(expected);
    }
  });

  it('refuses a wrong password with a French message and keeps the e-mail typed', async () => {
    const user = await createUser(t.db);
    const { agent, csrf } = await anonymousAgent(t.app);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: user.email, password: 'wrong password' })
      .expect(401);
    expect(res.text).toContain('E-mail ou mot de passe incorrect.');
    expect(res.text).toContain(`value="${user.email}"`);
    expect(res.text).not.toContain('wrong password');
  });

  it('refuses an empty form field by field', async () => {
    const { agent, csrf } = await anonymousAgent(t.app);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, email: '', password: '' }).expect(422);
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toContain('aria-invalid="true"');
  });

  it('refuses disabled and not-yet-activated accounts', async () => {
    for (const status of ['disabled', 'invited'] as const) {
      const user = await createUser(t.db, { status });
      const { agent, csrf } = await anonymousAgent(t.app);
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, email: user.email, password: TEST_PASSWORD })
        .expect(401);
    }
  });

  it('logs out: the session no longer opens pages', async () => {
    const user = await createUser(t.db);
    const { agent, csrf } = await loginAs(t.app, user.email);
    const res = await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(302);
    expect(res.headers.location).toBe('/login?loggedOut=1');
    await agent.get('/').expect(302);
    const page = await agent.get('/login?loggedOut=1').expect(200);
    expect(page.text).toContain('Vous êtes déconnecté·e');
  });

  it('ends every open session when an admin disables the account', async () => {
    const admin = await createUser(t.db, { role: 'admin' });
    const victim = await createUser(t.db);
    const session = await loginAs(t.app, victim.email);
    const adminSession = await loginAs(t.app, admin.email);
    await adminSession.agent
      .post(`/users/${victim.id}/disable`)
      .type('form')
      .send({ _csrf: adminSession.csrf })
      .expect(302);
    await session.agent.get('/').expect(302);
  });
});
