/**
 * npm run test:load (through test/load/run.sh, which provides the PostgreSQL cluster).
 * 1. LOAD_USERS (50) coordinators work for LOAD_SECONDS (60): reads and writes; no 5xx, no network
 *    error, every acknowledged write found in the database, nothing refused saved.
 * 2. PostgreSQL is stopped for OUTAGE_SECONDS (8) while they keep working: 503 French pages, /healthz
 *    503, service back by itself once PostgreSQL is, no half-written record. OUTAGE_SECONDS=0 skips it.
 * Exits 1 when any check fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { hashPassword } from '../../src/platform/password';
import { Stats, VirtualUser } from './client';
import { outage } from './outage';
import { sleep, startJalons, tail } from './processes';
import { runUntil, type UserState } from './scenario';
import { type Check, verifyWhole, verifyWrites } from './verify';

const USERS = Number(process.env.LOAD_USERS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const OUTAGE = Number(process.env.OUTAGE_SECONDS ?? 8);
const RECOVER = Number(process.env.RECOVER_SECONDS ?? 20);
const PASSWORD = 'charge-de-test-2026';

async function main() {
  const databaseUrl = process.env.LOAD_DATABASE_URL;
  if (!databaseUrl) throw new Error('LOAD_DATABASE_URL is not set: run npm run test:load');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-load-'));
  const db = knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 2 } });
  const port = Number(process.env.LOAD_PORT ?? 3900 + Math.floor(Math.random() * 90));
  const run = Date.now().toString(36);
  const checks: Check[] = [];
  let jalons: Awaited<ReturnType<typeof startJalons>> | undefined;
  try {
    console.log('Starting Jalons (migrations and demo data on the fresh database)…');
    jalons = await startJalons({ databaseUrl, port, workDir });
    const users = await createUsers(db, run, jalons.base);
    console.log(`${USERS} coordinators created; logging in…`);

    const stats = new Stats();
    for (const u of users) await u.vu.logIn(u.vu.name, PASSWORD);
    for (const u of users) u.vu.stats = stats;

    // ---- phase 1: load ----------------------------------------------------------------------
    console.log(`Load: ${USERS} users for ${SECONDS} s…`);
    const started = Date.now();
    await Promise.all(users.map((u) => runUntil(u, run, 'load', () => Date.now() - started >= SECONDS * 1000)));
    const elapsed = (Date.now() - started) / 1000;
    const writesOk = users.flatMap((u) => u.writes).filter((w) => w.result === 'ok').length;
    const writesNotOk = users.flatMap((u) => u.writes).filter((w) => w.result !== 'ok');
    console.log(
      `  ${stats.requests} requests in ${elapsed.toFixed(1)} s = ${(stats.requests / elapsed).toFixed(0)} req/s; ` +
        `p50 ${stats.percentile(50).toFixed(0)} ms, p95 ${stats.percentile(95).toFixed(0)} ms, p99 ${stats.percentile(99).toFixed(0)} ms; ` +
        `${writesOk} writes acknowledged; statuses ${JSON.stringify(Object.fromEntries(stats.byStatus))}`,
    );
    checks.push({
      name: 'no 5xx under load',
      ok: stats.serverErrors.length === 0,
      detail: summary(stats.serverErrors),
    });
    checks.push({
      name: 'no network error under load',
      ok: stats.networkErrors.length === 0,
      detail: summary(stats.networkErrors),
    });
    checks.push({
      name: 'every write acknowledged',
      ok: writesNotOk.length === 0,
      detail: writesNotOk.length
        ? summary(writesNotOk.map((w) => `${w.kind} ${w.marker}: ${w.status}`))
        : `${writesOk} of ${writesOk}`,
    });
    checks.push(...(await verifyWrites(db, run, users)));

    // ---- phase 2: PostgreSQL stopped during load ---------------------------------------------
    if (OUTAGE > 0) {
      console.log(`Outage: PostgreSQL stopped for ${OUTAGE} s while the users keep working…`);
      const during = new Stats();
      for (const u of users) u.vu.stats = during;
      let stop = false;
      const working = Promise.all(users.map((u) => runUntil(u, run, 'outage', () => stop)));
      await sleep(2000);
      const probe = users[0].vu.clone('probe');
      const result = await outage(probe, jalons.base, OUTAGE, RECOVER);
      checks.push(...result.checks);
      const after = new Stats();
      for (const u of users) u.vu.stats = after;
      await sleep(5000);
      stop = true;
      await working;
      const not503 = during.serverErrors.filter((e) => !e.endsWith(': 503'));
      console.log(
        `  during the outage: ${during.requests} requests, statuses ${JSON.stringify(Object.fromEntries(during.byStatus))}, ${during.networkErrors.length} network errors`,
      );
      checks.push({
        name: 'only 503 (never 500) while PostgreSQL is down',
        ok: not503.length === 0,
        detail: summary(not503),
      });
      checks.push({
        name: 'no request left without an answer during the outage',
        ok: during.networkErrors.length === 0,
        detail: summary(during.networkErrors),
      });
      checks.push({
        name: 'no 5xx once recovered',
        ok: after.serverErrors.length === 0,
        detail: `${after.requests} requests; ${summary(after.serverErrors)}`,
      });
      checks.push({
        name: 'Jalons process still running',
        ok: jalons.exited() === null,
        detail: jalons.exited() === null ? 'yes' : `exited with ${jalons.exited()}`,
      });
      checks.push(...(await verifyWrites(db, run, users)).map((c) => ({ ...c, name: `${c.name} (after the outage)` })));
    }
    checks.push(...(await verifyWhole(db, run)));
  } finally {
    await jalons?.stop();
    await db.destroy();
  }

  let failed = 0;
  for (const c of checks) {
    if (!c.ok) failed++;
    console.log(`${c.ok ? '  ok  ' : '  FAIL'} ${c.name}: ${c.detail}`);
  }
  if (failed) {
    console.log(`\n${failed} check(s) failed. Server log (${jalons?.logFile}):\n${tail(jalons?.logFile ?? '', 20)}`);
    process.exit(1);
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  console.log('\nLoad test passed.');
}

const summary = (list: string[]) =>
  list.length ? `${list.length}: ${[...new Set(list)].slice(0, 5).join('; ')}` : 'none';

/** Coordinators of the demo operator, spread over its accompaniments (a cheap hash: logins stay fast). */
async function createUsers(db: knex.Knex, run: string, base: string): Promise<UserState[]> {
  const operator = await db('organisations').where({ kind: 'operator', short_name: 'MIFE 90' }).first('id');
  if (!operator) throw new Error('the demo operator MIFE 90 is missing: was the demo data loaded?');
  const accompaniments = await db('accompaniments').where({ operator_id: operator.id }).orderBy('id').pluck('id');
  const hash = await hashPassword(PASSWORD, 10);
  const rows = Array.from({ length: USERS }, (_, i) => ({
    organisation_id: operator.id,
    email: `charge-${run}-${i}@jalons.test`,
    name: `Chargé·e de test ${i}`,
    role: 'coordinator',
    status: 'active',
    password_hash: hash,
  }));
  await db('users').insert(rows);
  return rows.map((r, i) => ({
    vu: new VirtualUser(base, null, r.email),
    index: i,
    accompanimentId: String(accompaniments[i % accompaniments.length]),
    sessions: [],
    titles: new Map(),
    writes: [],
    rounds: 0,
  }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
