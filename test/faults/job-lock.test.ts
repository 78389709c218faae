import { openPostgres, type Database } from '../../src/platform/db';
import { DAILY_JOBS, runDailyJobs, type DailyJob } from '../../src/platform/jobs';
import { clearExpiredRateLimits } from '../../src/platform/auth/throttle';
import { createTestApp, TestApp } from '../support/app';
import { onRealPostgres } from '../support/db';
import { withDatabase } from '../support/pg-url';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the rate-limit cleanup job', () => {
  it('is a daily job and removes only counters whose window ended more than an hour ago', async () => {
    expect(DAILY_JOBS.map((j) => j.name)).toContain('rate-limit-cleanup');
    const now = Date.now();
    await t.db('rate_limits').insert([
      { key: 'login:ip:test-old', points: 3, expire: now - 2 * 3600_000 },
      { key: 'login:ip:test-recent', points: 3, expire: now - 60_000 },
      { key: 'login:ip:test-live', points: 3, expire: now + 60_000 },
    ]);
    expect(await clearExpiredRateLimits(t.db)).toBe(1);
    expect(await t.db('rate_limits').whereLike('key', 'login:ip:test-%').orderBy('key').pluck('key')).toEqual([
      'login:ip:test-live',
      'login:ip:test-recent',
    ]);
  });
});

(onRealPostgres ? describe : describe.skip)('daily jobs on PostgreSQL, from two processes', () => {
  let second: Database;
  beforeAll(async () => {
    // A second, independent connection pool on the same database: another process, as far as PostgreSQL can tell.
    const { rows } = await t.db.raw('SELECT current_database() AS name');
    second = openPostgres(withDatabase(String(process.env.DATABASE_URL), rows[0].name));
  });
  afterAll(() => second.close());

  const depsOf = (db: Database['db']) => ({ ...t.deps, db, dbKind: 'postgres' as const });

  it('never run the same job at the same time: the second process skips it while the first holds it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const isRunning = new Promise<void>((r) => (started = r));
    const runs: string[] = [];
    const slow: DailyJob[] = [
      {
        name: 'probe-lock',
        run: async () => {
          runs.push('first');
          started();
          await gate;
        },
      },
    ];
    const fast: DailyJob[] = [
      { name: 'probe-lock', run: async () => void runs.push('second') },
      { name: 'other-job', run: async () => void runs.push('other') },
    ];

    const first = runDailyJobs(depsOf(t.db), '2026-05-04', slow);
    await isRunning;
    // Another job is not blocked by it; the same job is skipped.
    expect(await runDailyJobs(depsOf(second.db), '2026-05-04', fast)).toEqual({ failed: 0, skipped: 1 });
    expect(runs).toEqual(['first', 'other']);
    release();
    expect(await first).toEqual({ failed: 0, skipped: 0 });

    // Released at the end of the run (and on failure): the next run goes ahead.
    expect(await runDailyJobs(depsOf(second.db), '2026-05-05', fast)).toEqual({ failed: 0, skipped: 0 });
    expect(runs).toEqual(['first', 'other', 'second', 'other']);
    const failing: DailyJob[] = [{ name: 'probe-lock', run: async () => Promise.reject(new Error('boom')) }];
    expect(await runDailyJobs(depsOf(t.db), '2026-05-06', failing)).toEqual({ failed: 1, skipped: 0 });
    expect(await runDailyJobs(depsOf(second.db), '2026-05-06', fast)).toEqual({ failed: 0, skipped: 0 });
  });

  it('lose the lock with the process: a holder whose session dies does not block the job', async () => {
    const name = (await t.db.raw('SELECT current_database() AS name')).rows[0].name;
    const third = openPostgres(withDatabase(String(process.env.DATABASE_URL), name));
    let started!: () => void;
    const isRunning = new Promise<void>((r) => (started = r));
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    const holding: DailyJob = {
      name: 'probe-dies',
      run: async () => {
        started();
        await gate;
      },
    };
    const holder = runDailyJobs(depsOf(third.db), '2026-05-07', [holding]);
    await isRunning;
    const ran: string[] = [];
    const job: DailyJob[] = [{ name: 'probe-dies', run: async () => void ran.push('ran') }];
    expect(await runDailyJobs(depsOf(second.db), '2026-05-07', job)).toEqual({ failed: 0, skipped: 1 });

    // The holder's session ends, as when its process is killed: PostgreSQL drops its locks.
    const { rows } = await t.db.raw(
      `SELECT pg_terminate_backend(pid) AS gone FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(rows).toHaveLength(1);
    for (let i = 0; i < 50 && !ran.length; i++) {
      await runDailyJobs(depsOf(second.db), '2026-05-07', job);
      if (!ran.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ran).toEqual(['ran']);
    finish();
    await holder;
    await third.close();
  });
});
