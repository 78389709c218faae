import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net, { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createUser } from '../factories';
import { handedOffCase } from '../follow-up/factory';
import { csrfOf, TEST_PASSWORD } from '../support/app';
import { createTestDatabase, onRealPostgres } from '../support/db';
import { withDatabase } from '../support/pg-url';
import type { Database } from '../../src/platform/db';

// Two real Jalons processes (src/server.ts, as `npm start` runs it) on one PostgreSQL database,
// sharing nothing else: no memory, no files. Only meaningful on a real server (PGlite refuses a
// second process by design), so skipped on the embedded database.
const ROOT = path.resolve(__dirname, '../..');

type Proc = { child: ChildProcess; url: string; logs: Record<string, unknown>[]; exited: Promise<void> };

async function freePort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startJalons(databaseUrl: string, storageDir: string): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      TZ: 'Europe/Paris',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: 'two-processes-share-this-secret-0123456789',
      BASE_URL: `http://127.0.0.1:${port}`,
      DEMO_SEED: 'off',
      JOBS: 'on',
      LOG_LEVEL: 'info',
      STORAGE_DIR: storageDir,
      PGLITE_DIR: path.join(storageDir, 'pglite-unused'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line));
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`Jalons exited: ${err}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, url, logs, exited };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`Jalons did not start on ${url}: ${err}`);
}

/** A cookie a response sets (jalons.sid, the session; jalons.csrf, the forms' token), ready for a Cookie header. */
function cookieOf(res: Response, name = 'jalons.sid') {
  const found = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie`);
  return found.split(';')[0];
}
const sessionCookie = (res: Response) => cookieOf(res);

/** One login attempt through the real form: a fresh visitor on that process. */
async function login(proc: Proc, email: string, password: string) {
  const page = await fetch(`${proc.url}/login`);
  // No session before login: only the forms' token cookie.
  const cookie = cookieOf(page, 'jalons.csrf');
  const body = new URLSearchParams({ _csrf: csrfOf(await page.text()), email, password });
  return fetch(`${proc.url}/login`, { method: 'POST', body, headers: { Cookie: cookie }, redirect: 'manual' });
}

const jobLog = (proc: Proc, job: string) =>
  proc.logs.find(
    (l) => l.job === job && (l.msg === 'daily job ran' || l.msg === 'daily job skipped: another process is running it'),
  );

(onRealPostgres ? describe : describe.skip)('two Jalons processes on one PostgreSQL', () => {
  let database: Database;
  let storageDir: string;
  let a: Proc;
  let b: Proc;
  let dueCase: Awaited<ReturnType<typeof handedOffCase>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-two-processes-'));
    // Three checkpoints long due before either process starts: both run the reminder job at start-up.
    dueCase = await handedOffCase(database.db, { closedOutOn: '2019-01-15' });
    const { rows } = await database.db.raw('SELECT current_database() AS name');
    const url = withDatabase(String(process.env.DATABASE_URL), rows[0].name);
    [a, b] = await Promise.all([startJalons(url, storageDir), startJalons(url, storageDir)]);
  }, 180_000);

  afterAll(async () => {
    for (const p of [a, b]) {
      if (p && p.child.exitCode === null) {
        p.child.kill('SIGTERM');
        await p.exited;
      }
    }
    await database.close();
    fs.rmSync(storageDir, { recursive: true, force: true });
  }, 60_000);

  it('accept on one the session opened on the other', async () => {
    const user = await createUser(database.db, { name: 'Aline Deux-Processus' });
    const res = await login(a, user.email, TEST_PASSWORD);
    expect(res.status).toBe(302);
    const cookie = sessionCookie(res);

    const home = await fetch(`${b.url}/`, { headers: { Cookie: cookie }, redirect: 'manual' });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Aline Deux-Processus');
    const anonymous = await fetch(`${b.url}/`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);

    // Logging out on B ends the session on A too.
    const page = await fetch(`${b.url}/`, { headers: { Cookie: cookie } });
    const out = await fetch(`${b.url}/logout`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrfOf(await page.text()) }),
      headers: { Cookie: `${cookie}; ${cookieOf(page, 'jalons.csrf')}` },
      redirect: 'manual',
    });
    expect(out.status).toBe(302);
    expect((await fetch(`${a.url}/`, { headers: { Cookie: cookie }, redirect: 'manual' })).status).toBe(302);
  });

  it('count failed logins on both: 3 on A and 2 on B block the account on A and on B', async () => {
    const user = await createUser(database.db);
    for (const proc of [a, a, a, b, b])
      expect((await login(proc, user.email, 'mauvais mot de passe')).status).toBe(401);
    for (const proc of [a, b]) {
      const res = await login(proc, user.email, TEST_PASSWORD);
      expect(res.status).toBe(429);
      expect(await res.text()).toContain('Trop de tentatives de connexion');
    }
  });

  it('run the daily reminder job once: each due checkpoint reminded once although both processes ran their jobs', async () => {
    for (let i = 0; i < 300 && !(jobLog(a, 'checkpoint-reminders') && jobLog(b, 'checkpoint-reminders')); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const outcomes = [jobLog(a, 'checkpoint-reminders'), jobLog(b, 'checkpoint-reminders')];
    expect(outcomes.every(Boolean)).toBe(true);
    // Whoever ran first reminded all three; the other was skipped or found nothing left.
    const reminded = outcomes.filter((l) => l!.msg === 'daily job ran').map((l) => l!.result);
    expect(reminded.sort()).toEqual(reminded.length === 2 ? [0, 3] : [3]);

    const rows = await database.db('outbox').where({ kind: 'follow_up_reminder' }).select('to_address', 'body_text');
    for (const cp of dueCase.checkpoints) {
      const forCp = rows
        .filter((r) => r.body_text.includes(`/checkpoints/${cp.id}\n`))
        .map((r) => r.to_address)
        .sort();
      expect(forCp).toEqual([dueCase.coordinator.email, dueCase.relay.email].sort());
    }
    expect(rows).toHaveLength(dueCase.checkpoints.length * 2);
    expect(await database.db('audit_log').where({ action: 'follow_up.reminder' })).toHaveLength(
      dueCase.checkpoints.length,
    );
  });
});
