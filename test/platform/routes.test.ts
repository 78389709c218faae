import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createOrganisation, createUser } from '../factories';
import { anonymousAgent, createTestApp, TestApp } from '../support/app';
import { registeredRoutes as routesOf } from '../support/routes';

/** The only pages and forms an anonymous visitor may use. Everything else needs a session. */
const PUBLIC_ROUTES = [
  'GET /login',
  'POST /login',
  'GET /password/forgot',
  'POST /password/forgot',
  'GET /password/reset/:token',
  'POST /password/reset/:token',
  'GET /invitation/:token',
  'POST /invitation/:token',
  'GET /healthz',
  'POST /lang',
  // A calendar application subscribes without a cookie: the random token in the URL is the key
  // (unknown or revoked token -> 404). See test/calendar/feed.test.ts.
  'GET /calendar/:token.ics',
];

const registeredRoutes = (t: TestApp) => routesOf(t.app);

let t: TestApp;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  // Real ids, so that a route missing its guard would really find (and change) something.
  const org = await createOrganisation(t.db, { kind: 'operator' });
  const user = await createUser(t.db, { role: 'coordinator', organisation_id: org.id });
  await createUser(t.db, { role: 'admin', organisation_id: org.id, status: 'invited' });
  const [{ id: mailId }] = await t
    .db('outbox')
    .insert({
      to_address: 'someone@example.test',
      subject: 'Test',
      body_text: 'Bonjour',
      kind: 'test',
      status: 'failed',
    })
    .returning('id');
  ids = { organisations: org.id, users: user.id, outbox: String(mailId) };
});
afterAll(() => t.close());

function concretePath(path: string): string {
  const section = path.split('/')[1];
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'id') return ids[section] ?? '1';
    if (name === 'token') return randomBytes(24).toString('base64url');
    return '1';
  });
}

async function counts() {
  const out: Record<string, string> = {};
  for (const table of ['audit_log', 'users', 'organisations', 'outbox', 'auth_tokens']) {
    const [{ n }] = await t.db(table).count({ n: '*' });
    out[table] = String(n);
  }
  const userRows = await t
    .db('users')
    .orderBy('id')
    .select('id', 'status', 'locale', 'name', 'email', 'role', 'organisation_id');
  const orgRows = await t.db('organisations').orderBy('id').select('id', 'name', 'kind', 'updated_at');
  const mails = await t.db('outbox').orderBy('id').select('id', 'status', 'attempts');
  return { out, userRows: JSON.stringify(userRows), orgRows: JSON.stringify(orgRows), mails: JSON.stringify(mails) };
}

describe('route guards', () => {
  it('finds every route of the app, including each public one', () => {
    const routes = registeredRoutes(t);
    expect(routes.length).toBeGreaterThan(15);
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    for (const pub of PUBLIC_ROUTES) expect(keys).toContain(pub);
    // The walk must see the guarded sections too, or it would prove nothing.
    expect(keys).toEqual(
      expect.arrayContaining(['GET /', 'GET /users', 'POST /users', 'GET /organisations/:id', 'POST /logout']),
    );
  });

  it('sends an anonymous visitor of any non-public page to the login, remembering the page', async () => {
    const pages = registeredRoutes(t).filter((r) => r.method === 'GET' && !PUBLIC_ROUTES.includes(`GET ${r.path}`));
    expect(pages.length).toBeGreaterThan(8);
    const open: string[] = [];
    for (const route of pages) {
      const url = concretePath(route.path);
      const res = await request(t.app).get(url);
      if (res.status !== 302 || res.headers.location !== `/login?next=${encodeURIComponent(url)}`) {
        open.push(`GET ${route.path} -> ${res.status} ${res.headers.location ?? ''}`);
      }
    }
    expect(open).toEqual([]);
  });

  it('refuses every non-public form to an anonymous visitor holding a valid CSRF token, and changes nothing', async () => {
    const forms = registeredRoutes(t).filter(
      (r) => r.method !== 'GET' && !PUBLIC_ROUTES.includes(`${r.method} ${r.path}`),
    );
    expect(forms.length).toBeGreaterThan(6);
    const before = await counts();
    const open: string[] = [];
    for (const route of forms) {
      const { agent, csrf } = await anonymousAgent(t.app);
      const url = concretePath(route.path);
      // A body that would be accepted by the forms if the guard were missing.
      const body = {
        _csrf: csrf,
        kind: 'operator',
        name: `Intrus ${route.path}`,
        email: `intrus-${randomBytes(4).toString('hex')}@example.test`,
        role: 'admin',
        organisation_id: ids.organisations,
        department: '75',
      };
      const res = await agent[route.method.toLowerCase() as 'post'](url).type('form').send(body);
      const refused =
        res.status === 401 ||
        res.status === 403 ||
        (res.status === 302 && /^\/login(\?|$)/.test(String(res.headers.location)));
      if (!refused) open.push(`${route.method} ${route.path} -> ${res.status} ${res.headers.location ?? ''}`);
    }
    expect(open).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});
