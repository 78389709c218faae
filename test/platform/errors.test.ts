import request from 'supertest';
import { createOrganisation, createUser } from '../factories';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
let admin: { agent: ReturnType<typeof request.agent>; csrf: string };
let coordinator: { agent: ReturnType<typeof request.agent>; csrf: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, (await createUser(t.db, { role: 'admin' })).email);
  coordinator = await loginAs(t.app, (await createUser(t.db, { role: 'coordinator' })).email);
});
afterAll(() => t.close());

describe('error pages', () => {
  it('shows a French 404 page with the request id for an unknown page', async () => {
    const res = await coordinator.agent.get('/cette-page-n-existe-pas').expect(404);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Page introuvable');
    expect(res.text).toContain('Cette page n’existe pas ou vous n’y avez pas accès.');
    expect(res.text).toContain(`<code>${requestId}</code>`);
  });

  it('gives every request its own id', async () => {
    const a = await coordinator.agent.get('/inconnue').expect(404);
    const b = await coordinator.agent.get('/inconnue').expect(404);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    expect(b.text).toContain(b.headers['x-request-id']);
  });

  it('answers 404, never 500, to malformed or out-of-range ids', async () => {
    const org = await createOrganisation(t.db);
    for (const url of [
      '/organisations/abc',
      '/organisations/0',
      '/organisations/-1',
      '/organisations/1.5',
      '/organisations/99999999999999999',
      '/organisations/99999999999999999999',
      `/organisations/${org.id}abc`,
      '/organisations/abc/edit',
      '/users/abc',
      '/users/99999999999999999999',
      '/users/99999999999999999999/edit',
      '/outbox/abc',
      '/outbox/99999999999999999999',
    ]) {
      const res = await admin.agent.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(res.text).toContain('Page introuvable');
    }
  });

  it('answers 404 to a form posted to a malformed id, and writes nothing', async () => {
    const [{ n: before }] = await t.db('audit_log').count({ n: '*' });
    for (const url of [
      '/users/99999999999999999999/disable',
      '/users/abc',
      '/organisations/abc',
      '/outbox/abc/retry',
    ]) {
      const res = await admin.agent.post(url).type('form').send({ _csrf: admin.csrf, kind: 'operator', name: 'X' });
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
    }
    const [{ n: after }] = await t.db('audit_log').count({ n: '*' });
    expect(after).toBe(before);
  });

  it('shows a French "unexpected error" page without any technical detail when a page fails', async () => {
    await t.db.raw('ALTER TABLE organisations RENAME TO organisations_x');
    let res;
    try {
      res = await admin.agent.get('/organisations?q=test').expect(500);
    } finally {
      await t.db.raw('ALTER TABLE organisations_x RENAME TO organisations');
    }
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Erreur inattendue');
    expect(res.text).toContain('Une erreur inattendue s’est produite.');
    expect(res.text).toContain(`<code>${res.headers['x-request-id']}</code>`);
    // No stack trace, no SQL, no table name from the database error.
    for (const leak of [
      /relation/i,
      /does not exist/i,
      /select\s/i,
      /\bfrom\s/i,
      /"organisations"|&#34;organisations&#34;/,
      /organisations_x/,
      /\s+at\s+\S+\s+\(/,
      /\.ts:\d+/,
      /node_modules/,
      /Error:/,
    ]) {
      expect(res.text).not.toMatch(leak);
    }
    // And the page works again once the table is back.
    await admin.agent.get('/organisations').expect(200);
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and hides the framework', async () => {
    for (const res of [
      await request(t.app).get('/login'),
      await coordinator.agent.get('/'),
      await coordinator.agent.get('/nope'),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
