import type { Express } from 'express';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { createLogger } from '../../src/platform/logger';
import { createUser } from '../factories';
import { anonymousAgent, createTestApp, csrfOf, TestApp, testConfig, TEST_PASSWORD } from '../support/app';

// Two Jalons apps on one database and nothing else in common (no shared memory): what one
// process knows about sessions and login attempts, the other knows too. On PGlite as on
// PostgreSQL; test/faults/two-processes.test.ts does the same with two real processes.
let t: TestApp;
let other: { app: Express; close: () => Promise<void> };
beforeAll(async () => {
  t = await createTestApp();
  other = buildApp({
    db: t.db,
    config: testConfig(),
    logger: createLogger('silent'),
    sessionSecret: 'test-secret-'.repeat(4),
  });
});
afterAll(async () => {
  await other.close();
  await t.close();
});

/** A cookie a response sets (jalons.sid, the session; jalons.csrf, the forms' token), ready for a Cookie header. */
function cookieOf(setCookie: string | string[] | undefined, name = 'jalons.sid') {
  const found = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie`);
  return found.split(';')[0];
}

async function attempt(app: Express, email: string, password: string) {
  const { agent, csrf } = await anonymousAgent(app);
  return agent.post('/login').type('form').send({ _csrf: csrf, email, password });
}

describe('two processes sharing one database', () => {
  it('count failed logins together: 3 on one and 2 on the other block the account on both', async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < 3; i++) expect((await attempt(t.app, user.email, `faux ${i}`)).status).toBe(401);
    for (let i = 0; i < 2; i++)
      expect((await attempt(other.app, user.email.toUpperCase(), `faux ${i}`)).status).toBe(401);

    for (const app of [t.app, other.app]) {
      const res = await attempt(app, user.email, TEST_PASSWORD);
      expect(res.status).toBe(429);
      expect(res.text).toContain('Trop de tentatives de connexion');
    }
    // Every attempt is counted before it is checked, the two refused ones too: 5 checked + 2 refused.
    const row = await t
      .db('rate_limits')
      .where({ key: `login:acct:${user.email.toLowerCase()}` })
      .first('points', 'expire');
    expect(row.points).toBe(7);
    expect(Number(row.expire)).toBeGreaterThan(Date.now());
  });

  it('share the password-reset counter too, kept apart from the login one; a right password clears the login counter everywhere', async () => {
    const user = await createUser(t.db);
    const forgot = async (app: Express) => {
      const { agent, csrf } = await anonymousAgent(app);
      return agent.post('/password/forgot').type('form').send({ _csrf: csrf, email: user.email });
    };
    for (const app of [t.app, t.app, other.app]) expect((await forgot(app)).status).not.toBe(429);
    const blocked = await forgot(t.app);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Trop de demandes');
    // 3 requests let through and the refused fourth, each counted before it was looked at.
    expect(
      await t
        .db('rate_limits')
        .where({ key: `reset:acct:${user.email}` })
        .first('points'),
    ).toEqual({ points: 4 });

    // Resets do not count as failed logins; 4 failed logins then the right password on the other process.
    for (let i = 0; i < 4; i++) expect((await attempt(other.app, user.email, `faux ${i}`)).status).toBe(401);
    expect((await attempt(t.app, user.email, TEST_PASSWORD)).status).toBe(302);
    expect(
      await t
        .db('rate_limits')
        .where({ key: `login:acct:${user.email}` })
        .first(),
    ).toBeUndefined();
    for (let i = 0; i < 4; i++) expect((await attempt(other.app, user.email, `faux ${i}`)).status).toBe(401);
    expect((await attempt(t.app, user.email, TEST_PASSWORD)).status).toBe(302);
  });

  it('accept on one the session opened on the other', async () => {
    const user = await createUser(t.db, { name: 'Paule Partagée' });
    const page = await request(t.app).get('/login').expect(200);
    // No session before login: only the forms' token cookie.
    const anonymous = cookieOf(page.headers['set-cookie'], 'jalons.csrf');
    const login = await request(t.app)
      .post('/login')
      .set('Cookie', anonymous)
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: user.email, password: TEST_PASSWORD })
      .expect(302);
    const cookie = cookieOf(login.headers['set-cookie']);

    const res = await request(other.app).get('/').set('Cookie', cookie).expect(200);
    expect(res.text).toContain('Paule Partagée');
    expect((await request(other.app).get('/')).headers.location).toMatch(/^\/login/);
  });
});
