import { createHmac } from 'node:crypto';
import net from 'node:net';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { openPostgres, type Database } from '../../src/platform/db';
import { createLogger } from '../../src/platform/logger';
import { createUser } from '../factories';
import { createTestApp, loginAs, testConfig, TestApp } from '../support/app';
import { createTestDatabase, onRealPostgres } from '../support/db';
import { withDatabase } from '../support/pg-url';

const UNAVAILABLE = 'Service momentanément indisponible';

/** A TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const SECRET = 'test-secret-'.repeat(4);

/** The cookie express-session would have given for this session id (cookie-signature's format). */
function sessionCookie(sid: string): string {
  const mac = createHmac('sha256', SECRET).update(sid).digest('base64').replace(/=+$/, '');
  return `jalons.sid=${encodeURIComponent(`s:${sid}.${mac}`)}`;
}

function appOn(database: Database) {
  return buildApp({ db: database.db, config: testConfig(), logger: createLogger('silent'), sessionSecret: SECRET });
}

describe('GET /healthz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 when the database answers, without opening a session', async () => {
    const res = await request(t.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    const [{ n }] = await t.db('user_sessions').count({ n: '*' });
    expect(Number(n)).toBe(0);
  });
});

describe('with the database unreachable', () => {
  let database: Database;
  let built: ReturnType<typeof appOn>;
  let quiet: jest.SpiedFunction<typeof console.log>;
  beforeAll(async () => {
    quiet = jest.spyOn(console, 'log').mockImplementation(() => {}); // knex prints each refused connection
    database = openPostgres(`postgres://postgres@127.0.0.1:${await closedPort()}/x`);
    built = appOn(database);
  });
  afterAll(async () => {
    await built.close();
    await database.close();
    quiet.mockRestore();
  });

  it('answers 503 to the health check', async () => {
    const res = await request(built.app).get('/healthz').expect(503);
    expect(res.body).toEqual({ status: 'unavailable', database: 'unreachable' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('shows a French "try again" page to a visitor whose session cannot be read', async () => {
    const res = await request(built.app).get('/').set('Cookie', sessionCookie('a-session-id')).expect(503);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain(UNAVAILABLE);
    expect(res.text).toContain('Réessayez dans quelques instants');
    expect(res.headers['retry-after']).toBe('10');
    expect(res.text).not.toContain('ECONNREFUSED');
    // Without a session nothing needs the database: the visitor is sent to the login as usual.
    await request(built.app).get('/').expect(302);
  });
});

if (onRealPostgres) {
  describe('when a real PostgreSQL goes away and comes back', () => {
    let direct: Database;
    let proxied: Database;
    let built: ReturnType<typeof appOn>;
    let server: net.Server;
    let port: number;
    const sockets = new Set<net.Socket>();
    let upstream: { host: string; port: number };
    let quiet: jest.SpiedFunction<typeof console.log>;

    const listen = () =>
      new Promise<void>((resolve, reject) => {
        server = net.createServer((client) => {
          const target = net.connect(upstream.port, upstream.host);
          sockets.add(client).add(target);
          client.pipe(target).pipe(client);
          const drop = () => {
            client.destroy();
            target.destroy();
            sockets.delete(client);
            sockets.delete(target);
          };
          client.on('error', drop).on('close', drop);
          target.on('error', drop).on('close', drop);
        });
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          port = (server.address() as net.AddressInfo).port;
          resolve();
        });
      });

    const cut = async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
      });
    };

    beforeAll(async () => {
      quiet = jest.spyOn(console, 'log').mockImplementation(() => {}); // knex prints each refused connection
      // This file's own database, reached through a TCP proxy that the test can cut.
      direct = await createTestDatabase();
      const { rows } = await direct.db.raw('select current_database() as name');
      const url = new URL(withDatabase(process.env.DATABASE_URL!, rows[0].name));
      upstream = { host: url.hostname, port: Number(url.port || 5432) };
      port = 0;
      await listen();
      url.hostname = '127.0.0.1';
      url.port = String(port);
      proxied = openPostgres(url.toString());
      built = appOn(proxied);
    });
    afterAll(async () => {
      await built.close();
      await proxied.close();
      if (server.listening) await cut();
      await direct.close();
      quiet.mockRestore();
    });

    it('answers 503 while the server is away, then 200 again without a restart', async () => {
      const user = await createUser(direct.db, { name: 'Camille Panne' });
      const session = await loginAs(built.app, user.email);
      await request(built.app).get('/healthz').expect(200, { status: 'ok', database: 'ok' });

      await cut();
      const down = await request(built.app).get('/healthz').expect(503);
      expect(down.body).toEqual({ status: 'unavailable', database: 'unreachable' });
      const signedIn = await session.agent.get('/').expect(503);
      expect(signedIn.text).toContain(UNAVAILABLE);

      await listen(); // same port: the app is not told anything
      await request(built.app).get('/healthz').expect(200, { status: 'ok', database: 'ok' });
      const home = await session.agent.get('/').expect(200);
      expect(home.text).toContain('Bonjour Camille Panne');
    });
  });
}
