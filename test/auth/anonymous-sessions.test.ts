import request from 'supertest';
import { createUser } from '../factories';
import { anonymousAgent, createTestApp, csrfOf, loginAs, TestApp, TEST_PASSWORD } from '../support/app';

// The login and password forms are protected by a signed double-submit token (a cookie and the
// form's field), so a visitor who has not signed in costs no session row; a session is created
// at login, and ends SESSION_MAX_HOURS after it however active.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ sessionMaxHours: 2 });
}, 120_000);
afterAll(() => t.close());

const sessionRows = async () => Number((await t.db('user_sessions').count({ n: '*' }))[0].n);

describe('visitors who have not signed in', () => {
  it('add no session row: 100 visits of the login and password pages, and refused logins', async () => {
    const before = await sessionRows();
    for (let i = 0; i < 50; i++) await request(t.app).get('/login').expect(200);
    for (let i = 0; i < 30; i++) await request(t.app).get('/password/forgot').expect(200);
    for (let i = 0; i < 20; i++) {
      const { agent, csrf } = await anonymousAgent(t.app);
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, email: `nobody${i}@example.org`, password: 'wrong password' })
        .expect(401);
    }
    expect(await sessionRows()).toBe(before);
  });

  it('still need the form’s token: a post without it, or with another visitor’s, is refused in French', async () => {
    const user = await createUser(t.db);
    const noToken = await request(t.app)
      .post('/login')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain('<html lang="fr">');
    const other = await anonymousAgent(t.app);
    const mine = await anonymousAgent(t.app);
    await mine.agent
      .post('/login')
      .type('form')
      .send({ _csrf: `${other.csrf}x`, email: user.email, password: TEST_PASSWORD })
      .expect(403);
  });

  it('get a session at login only, whose token then guards its forms', async () => {
    const user = await createUser(t.db);
    const before = await sessionRows();
    const { agent, csrf } = await anonymousAgent(t.app);
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: user.email, password: TEST_PASSWORD })
      .expect(302);
    expect(await sessionRows()).toBe(before + 1);
    // The token of the anonymous page no longer serves once signed in: the pages give a new one.
    const home = await agent.get('/').expect(200);
    const token = csrfOf(home.text);
    await agent.post('/logout').type('form').send({ _csrf: token }).expect(302);
    expect(await sessionRows()).toBe(before);
  });
});

describe('the absolute lifetime of a login session (SESSION_MAX_HOURS)', () => {
  it('ends a session older than the limit at its next request, however active, with the expiry notice', async () => {
    const user = await createUser(t.db, { name: 'Camille Durée' });
    const { agent } = await loginAs(t.app, user.email);
    await agent.get('/').expect(200);
    // Signed in three hours ago (the limit is two): the stored session says so.
    await t
      .db('user_sessions')
      .whereRaw(`sess->'passport'->>'user' = ?`, [String(user.id)])
      .update({ sess: t.db.raw(`jsonb_set(sess, '{signedInAt}', to_jsonb(?::bigint))`, [Date.now() - 3 * 3_600_000]) });
    const res = await agent.get('/').expect(302);
    expect(res.headers.location).toBe('/login?expired=1');
    const login = await agent.get(res.headers.location).expect(200);
    expect(login.text).toContain('Votre session a expiré : reconnectez-vous.');
    expect(
      await t
        .db('user_sessions')
        .whereRaw(`sess->'passport'->>'user' = ?`, [String(user.id)])
        .count({ n: '*' }),
    ).toEqual([{ n: '0' }]);
  });

  it('keeps a session younger than the limit', async () => {
    const user = await createUser(t.db);
    const { agent } = await loginAs(t.app, user.email);
    await t
      .db('user_sessions')
      .whereRaw(`sess->'passport'->>'user' = ?`, [String(user.id)])
      .update({ sess: t.db.raw(`jsonb_set(sess, '{signedInAt}', to_jsonb(?::bigint))`, [Date.now() - 3_600_000]) });
    await agent.get('/').expect(200);
  });
});
