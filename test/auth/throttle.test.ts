import { createUser } from '../factories';
import { anonymousAgent, createTestApp, TestApp, TEST_PASSWORD } from '../support/app';

// Behind a reverse proxy (TRUST_PROXY=true) the client address comes from X-Forwarded-For:
// each test gets its own address, so the per-IP counters of one test never leak into another.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ trustProxy: true });
});
afterAll(() => t.close());

const THROTTLED = /Trop de tentatives de connexion\. Réessayez dans (\d+) minutes?\./;

async function visitor() {
  const { agent, csrf } = await anonymousAgent(t.app);
  const login = (ip: string, email: string, password: string) =>
    agent.post('/login').set('X-Forwarded-For', ip).type('form').send({ _csrf: csrf, email, password });
  return { agent, login };
}

async function failedLoginRows(email: string) {
  return t
    .db('audit_log')
    .where({ action: 'user.login_failed' })
    .whereRaw(`details->>'email' = ?`, [email.toLowerCase()])
    .select('ip', 'actor_id');
}

describe('login throttling per account', () => {
  it('refuses the 6th attempt after 5 wrong passwords, even with the right password, in French', async () => {
    const user = await createUser(t.db);
    const { agent, login } = await visitor();
    for (let i = 0; i < 5; i++) {
      const res = await login('203.0.113.10', user.email, `wrong password ${i}`);
      expect(res.status).toBe(401);
      expect(res.text).toContain('E-mail ou mot de passe incorrect.');
    }

    const res = await login('203.0.113.10', user.email, TEST_PASSWORD);
    expect(res.status).toBe(429);
    const minutes = Number(res.text.match(THROTTLED)?.[1]);
    expect(minutes).toBeGreaterThanOrEqual(1);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(res.text).toContain(`value="${user.email}"`);
    expect(res.text).not.toContain(TEST_PASSWORD);
    // Not logged in: the home page still sends to the login form.
    await agent.get('/').expect(302);
    const row = await t.db('users').where({ id: user.id }).first('last_login_at');
    expect(row.last_login_at).toBeNull();
  });

  it('keeps the account locked from another address too, whatever the case of the e-mail', async () => {
    const user = await createUser(t.db);
    const { login } = await visitor();
    for (let i = 0; i < 5; i++) await login('203.0.113.20', user.email, 'wrong password').expect(401);
    const res = await login('198.51.100.20', user.email.toUpperCase(), TEST_PASSWORD).expect(429);
    expect(res.text).toMatch(THROTTLED);
  });

  it('still lets another account log in from the same address', async () => {
    const victim = await createUser(t.db);
    const other = await createUser(t.db, { name: 'Autre Personne' });
    const attacker = await visitor();
    for (let i = 0; i < 5; i++) await attacker.login('203.0.113.30', victim.email, 'wrong password').expect(401);
    await attacker.login('203.0.113.30', victim.email, TEST_PASSWORD).expect(429);

    const colleague = await visitor();
    const res = await colleague.login('203.0.113.30', other.email, TEST_PASSWORD).expect(302);
    expect(res.headers.location).toBe('/');
    const home = await colleague.agent.get('/').expect(200);
    expect(home.text).toContain('Bonjour Autre Personne');
  });

  it('forgets earlier failures once the right password is given', async () => {
    const user = await createUser(t.db);
    const { login } = await visitor();
    for (let i = 0; i < 4; i++) await login('203.0.113.40', user.email, 'wrong password').expect(401);
    await login('203.0.113.40', user.email, TEST_PASSWORD).expect(302);
    // A fresh count: four more mistakes do not lock the account.
    const again = await visitor();
    for (let i = 0; i < 4; i++) await again.login('203.0.113.40', user.email, 'wrong password').expect(401);
    await again.login('203.0.113.40', user.email, TEST_PASSWORD).expect(302);
  });

  it('writes one audit row per failed login, with the address, and none for the refused attempt', async () => {
    const user = await createUser(t.db);
    const { login } = await visitor();
    for (let i = 0; i < 5; i++) await login('203.0.113.50', user.email, 'wrong password').expect(401);
    await login('203.0.113.50', user.email, TEST_PASSWORD).expect(429);
    const rows = await failedLoginRows(user.email);
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.ip).toBe('203.0.113.50');
      expect(row.actor_id).toBeNull();
    }
  });
});

describe('login throttling per address', () => {
  it('refuses any login after 30 failures from one address, over different unknown e-mails', async () => {
    const user = await createUser(t.db, { name: 'Compte Valide' });
    const { agent, login } = await visitor();
    for (let i = 0; i < 30; i++) {
      await login('203.0.113.60', `inconnu-${i}@example.test`, 'wrong password').expect(401);
    }
    const unknownRows = await t
      .db('audit_log')
      .where({ action: 'user.login_failed', ip: '203.0.113.60' })
      .count<{ count: string }[]>('* as count');
    expect(Number(unknownRows[0].count)).toBe(30);

    const res = await login('203.0.113.60', user.email, TEST_PASSWORD).expect(429);
    expect(res.text).toMatch(THROTTLED);
    expect(res.text).toContain(`value="${user.email}"`);
    await agent.get('/').expect(302);

    // The account itself is not locked: its owner logs in from their own address.
    const owner = await visitor();
    await owner.login('198.51.100.60', user.email, TEST_PASSWORD).expect(302);
    const home = await owner.agent.get('/').expect(200);
    expect(home.text).toContain('Bonjour Compte Valide');
  });
});

describe('password reset throttling', () => {
  async function forgot(ip: string, email: string, status: number) {
    const { agent, csrf } = await anonymousAgent(t.app);
    return agent
      .post('/password/forgot')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send({ _csrf: csrf, email })
      .expect(status);
  }

  it('accepts 3 requests for one account per hour and refuses the 4th in French', async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < 3; i++) {
      const res = await forgot('203.0.113.70', user.email, 200);
      expect(res.text).toContain(`Si un compte existe pour ${user.email}`);
    }
    const res = await forgot('203.0.113.70', user.email.toUpperCase(), 429);
    expect(res.text).toMatch(/Trop de demandes\. Réessayez dans \d+ minutes?\./);
    expect(res.text).toContain(`value="${user.email.toUpperCase()}"`);
    expect(res.text).not.toContain('Si un compte existe pour');

    // Three links went out, not four.
    const mails = await t.db('outbox').where({ to_address: user.email, kind: 'password_reset' }).select('id');
    expect(mails).toHaveLength(3);

    // Another person on the same address can still ask for a link.
    const other = await createUser(t.db);
    await forgot('203.0.113.70', other.email, 200);
    expect(await t.db('outbox').where({ to_address: other.email, kind: 'password_reset' }).select('id')).toHaveLength(
      1,
    );
  });

  it('counts requests for unknown e-mails too, without sending anything', async () => {
    const email = 'personne-inconnue@example.test';
    for (let i = 0; i < 3; i++) await forgot('203.0.113.80', email, 200);
    const res = await forgot('203.0.113.80', email, 429);
    expect(res.text).toContain('Trop de demandes');
    expect(await t.db('outbox').where({ to_address: email }).select('id')).toHaveLength(0);
  });
});
