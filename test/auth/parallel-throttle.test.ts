import request from 'supertest';
import { buildApp } from '../../src/app';
import { createLogger } from '../../src/platform/logger';
import { createUser } from '../factories';
import { anonymousAgent, createTestApp, testConfig, TestApp, TEST_PASSWORD } from '../support/app';

// The limit is spent before the password is checked, atomically in PostgreSQL (rate_limits):
// a burst of parallel guesses gets at most 5 checks per account, wherever it lands.
let t: TestApp;
let second: ReturnType<typeof buildApp>;
beforeAll(async () => {
  t = await createTestApp({ trustProxy: true });
  // A second Jalons process on the same database: it shares nothing with the first but PostgreSQL.
  second = buildApp({
    db: t.db,
    config: testConfig({ trustProxy: true }),
    logger: createLogger('silent'),
    sessionSecret: 'other-secret-'.repeat(4),
  });
}, 120_000);
afterAll(async () => {
  await second.close();
  await t.close();
});

const THROTTLED = 'Trop de tentatives de connexion.';

async function burst(apps: Parameters<typeof request>[0][], email: string, passwords: string[], ip: string) {
  const visitors = await Promise.all(passwords.map((_, i) => anonymousAgent(apps[i % apps.length] as never)));
  return Promise.all(
    passwords.map((password, i) =>
      visitors[i].agent
        .post('/login')
        .set('X-Forwarded-For', ip)
        .type('form')
        .send({ _csrf: visitors[i].csrf, email, password }),
    ),
  );
}

describe('login throttling against parallel requests', () => {
  it('checks at most 5 of 20 parallel wrong passwords for one account; the others get the French 429 page', async () => {
    const user = await createUser(t.db);
    const answers = await burst(
      [t.app],
      user.email,
      Array.from({ length: 20 }, (_, i) => `wrong ${i}`),
      '203.0.113.101',
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    for (const r of answers.filter((a) => a.status === 429)) expect(r.text).toContain(THROTTLED);
    // Only the checked ones were recorded as failed logins.
    const failed = await t
      .db('audit_log')
      .where({ action: 'user.login_failed' })
      .whereRaw(`details->>'email' = ?`, [user.email.toLowerCase()])
      .count({ n: '*' });
    expect(Number(failed[0].n)).toBeLessThanOrEqual(5);
  });

  it('does not let the right password through among 11 wrong ones sent together once the limit is spent', async () => {
    const user = await createUser(t.db);
    const first = await burst(
      [t.app],
      user.email,
      Array.from({ length: 5 }, (_, i) => `wrong ${i}`),
      '203.0.113.102',
    );
    expect(first.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    const passwords = Array.from({ length: 12 }, (_, i) => (i === 6 ? TEST_PASSWORD : `wrong again ${i}`));
    const answers = await burst([t.app], user.email, passwords, '203.0.113.102');
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(429));
    const row = await t.db('users').where({ id: user.id }).first('last_login_at');
    expect(row.last_login_at).toBeNull();
  });

  it('holds across two Jalons processes on one database', async () => {
    const user = await createUser(t.db);
    const answers = await burst(
      [t.app, second.app],
      user.email,
      Array.from({ length: 20 }, (_, i) => `wrong ${i}`),
      '203.0.113.103',
    );
    expect(answers.filter((r) => r.status === 401).length).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(15);
  });

  it('still logs in with the right password after a few mistakes, and only failures count against an address', async () => {
    const user = await createUser(t.db);
    const wrong = await burst([t.app], user.email, ['wrong 1', 'wrong 2'], '203.0.113.104');
    expect(wrong.map((r) => r.status)).toEqual([401, 401]);
    const { agent, csrf } = await anonymousAgent(t.app);
    await agent
      .post('/login')
      .set('X-Forwarded-For', '203.0.113.104')
      .type('form')
      .send({ _csrf: csrf, email: user.email, password: TEST_PASSWORD })
      .expect(302);
    // 40 colleagues behind one office address log in: right passwords never lock the address (30 per window).
    for (let i = 0; i < 35; i++) {
      const colleague = await createUser(t.db);
      const v = await anonymousAgent(t.app);
      await v.agent
        .post('/login')
        .set('X-Forwarded-For', '203.0.113.105')
        .type('form')
        .send({ _csrf: v.csrf, email: colleague.email, password: TEST_PASSWORD })
        .expect(302);
    }
  });
});

describe('password reset throttling against parallel requests', () => {
  it('sends at most 3 of 10 parallel requests for one address; the others get the French 429 page', async () => {
    const user = await createUser(t.db);
    const visitors = await Promise.all(Array.from({ length: 10 }, () => anonymousAgent(t.app)));
    const answers = await Promise.all(
      visitors.map((v) =>
        v.agent
          .post('/password/forgot')
          .set('X-Forwarded-For', '203.0.113.110')
          .type('form')
          .send({ _csrf: v.csrf, email: user.email }),
      ),
    );
    expect(answers.filter((r) => r.status === 429).length).toBe(7);
    const mails = await t.db('outbox').where({ to_address: user.email }).count({ n: '*' });
    expect(Number(mails[0].n)).toBe(3);
  });
});
