process.env.TZ ??= 'Europe/Paris';

import os from 'node:os';
import { openPostgres } from '../../src/platform/db';
import { migrateLatest } from '../../src/platform/migrate';
import { BENCH_PASSWORD, generate } from './generate';
import { KNOWN_ADMIN, KNOWN_COORDINATOR } from './generate/people';
import { measureExport } from './measure/export';
import { get, logIn } from './measure/http';
import { loadPage, type PageResult } from './measure/load';
import { memoryOf, serverEntry, startServer } from './measure/server';
import { pacedUsers, type UsersResult } from './measure/users';
import { cpuSnapshot, postmasterPidOf, settle } from './measure/cpu';
import { benchAnnualReport, benchPages, benchTargets } from './pages';
import { printAnnualReport, printExport, printPages, printUsers } from './report';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};

/**
 * npm run bench: generate the national data set (unless the database already holds it), start
 * Jalons as a child process, measure each page with autocannon against the baseline route,
 * then the national XLSX export. DATABASE_URL is set by test/bench/run.sh.
 */
async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (run through `npm run bench`)');
  const seed = env('BENCH_SEED', 42);
  const scale = env('BENCH_SCALE', 1);
  const duration = env('BENCH_DURATION', 10);
  const connections = env('BENCH_CONNECTIONS', 20);
  const thinkMs = env('BENCH_THINK_MS', 1000);
  const anchor = process.env.BENCH_TODAY ?? new Date().toISOString().slice(0, 10);
  const log = (s: string) => console.log(s);

  const { db, close } = openPostgres(databaseUrl);
  const pgVersion = (await db.raw('show server_version')).rows[0].server_version;
  log(
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; PostgreSQL ${pgVersion}; Node ${process.version}`,
  );
  await migrateLatest(db);
  const loaded =
    Number((await db.raw('select count(*) as n from users where email = ?', [KNOWN_COORDINATOR])).rows[0].n) > 0;
  if (loaded) {
    log('Data set already loaded: generation skipped.');
  } else {
    log(`Generating the data set (seed ${seed}, scale ${scale}, today ${anchor})…`);
    const g = await generate(db, seed, scale, anchor, log);
    log(
      `Generated in ${g.seconds.toFixed(1)} s: ${Object.entries(g.counts)
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(', ')}`,
    );
  }
  const one = async (sql: string) => (await db.raw(sql)).rows[0];
  const targets = await benchTargets(db);
  const rich = await one(`select (select count(*) from sessions where accompaniment_id = 1) as sessions,
    (select count(*) from accompaniment_beneficiaries where accompaniment_id = 1) as structures,
    (select count(*) from documents where accompaniment_id = 1) as documents`);
  const postmaster = postmasterPidOf((await one('show data_directory')).data_directory);
  const year = Number(anchor.slice(0, 4)) - 1;
  const firstYear = (await one('select extract(year from min(intake_on))::int as y from accompaniments')).y;
  log(
    `Rich case: accompaniment 1 (${rich.sessions} sessions, ${rich.structures} structures, ${rich.documents} documents); ` +
      `session ${targets.sessionId}; draft report ${targets.draftId}; parcours ${targets.pathwayId}; committee meeting ${targets.meetingId}.`,
  );
  await close();

  log(`Server: node ${serverEntry().join(' ')}`);
  const server = await startServer(databaseUrl);
  try {
    // One session per connection: the same person logged in from `connections` browsers.
    const sessions = async (email: string) => {
      const list: string[] = [];
      for (let i = 0; i < connections; i++) list.push(await logIn(server.url, email, BENCH_PASSWORD));
      return list;
    };
    const coordinator = await sessions(KNOWN_COORDINATOR);
    const manager = await sessions('direction1@bench.test');
    const cookiesOf = { coordinator, manager };
    const pages = [
      { name: 'baseline (EJS + select 1)', path: '/bench/baseline', cookies: coordinator },
      ...benchPages(targets, year).map((p) => ({ name: p.name, path: p.path, cookies: cookiesOf[p.as] })),
    ];
    // Single-request latency first (one user, no contention), then the load.
    const single: Record<string, number> = {};
    for (const p of pages) {
      await get(server.url, p.cookies[0], p.path);
      const t = performance.now();
      for (let i = 0; i < 5; i++) await (await get(server.url, p.cookies[0], p.path)).arrayBuffer();
      single[p.path] = (performance.now() - t) / 5;
    }
    // The baseline is measured again after each page, and each page is compared with the two
    // baseline runs around it: this machine's speed drifts by a quarter within a run (other
    // guests of the host), and a single baseline at the start made the last pages look slower.
    const measure = async (p: (typeof pages)[number]) => {
      await settle(server.pid);
      const r = await loadPage(server.url, p.cookies, p, {
        connections,
        duration,
        cpu: () => cpuSnapshot(server.pid, postmaster),
      });
      log(`  measured ${p.name}`);
      return r;
    };
    const [baselinePage, ...measured] = pages;
    const baselines: PageResult[] = [await measure(baselinePage)];
    const results: PageResult[] = [];
    for (const p of measured) {
      results.push(await measure(p));
      baselines.push(await measure(baselinePage));
    }
    // Then the same pages used by `connections` people with think time (the latency they see).
    const random = mulberry32(seed);
    const paced: UsersResult[] = [];
    for (const p of pages) {
      await settle(server.pid);
      paced.push(await pacedUsers(server.url, p.cookies, p.path, { users: connections, duration, thinkMs, random }));
      log(`  paced ${p.name}`);
    }
    const loadPeak = memoryOf(server.pid).peak;
    printPages(baselines, results, single, { connections, duration, serverPeakMb: loadPeak, cores: os.cpus().length });
    printUsers(pages, paced, { users: connections, duration, thinkMs });
  } finally {
    await server.stop();
  }
  // The export in a fresh server process, so its memory is the export's, not what the page runs left.
  const fresh = await startServer(databaseUrl);
  try {
    const admin = await logIn(fresh.url, KNOWN_ADMIN, BENCH_PASSWORD);
    const exportPath = `/indicators.xlsx?from=${firstYear}-01-01&to=${year + 1}-12-31`;
    const x = await measureExport(fresh.url, admin, exportPath, fresh.pid);
    printExport(exportPath, x);
  } finally {
    await fresh.stop();
  }
  await measureAnnualReport(databaseUrl, year);
}

/**
 * Issue 20: the national annual report as the admin reads it, three requests one after the other in a
 * fresh server (the first one cold), each under 5 s; then its XLSX streamed in another fresh server,
 * its memory sampled as the national export's.
 */
async function measureAnnualReport(databaseUrl: string, year: number) {
  const report = benchAnnualReport(year);
  const seconds: number[] = [];
  const first = await startServer(databaseUrl);
  try {
    const admin = await logIn(first.url, KNOWN_ADMIN, BENCH_PASSWORD);
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await (await get(first.url, admin, report.page)).arrayBuffer();
      seconds.push((performance.now() - t) / 1000);
    }
  } finally {
    await first.stop();
  }
  const fresh = await startServer(databaseUrl);
  try {
    const admin = await logIn(fresh.url, KNOWN_ADMIN, BENCH_PASSWORD);
    printAnnualReport(report, seconds, await measureExport(fresh.url, admin, report.xlsx, fresh.pid));
  } finally {
    await fresh.stop();
  }
}

/** A small seeded generator, so think times repeat from run to run. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
