import { runCheckpointReminders, ReminderDeps } from '../follow-up/reminder-job';
import { runProviderRenewalReminders } from '../providers/reminder-job';
import { localToday } from './dates';
import { runMailDigests } from './mail/digest';
import { clearExpiredRateLimits } from './auth/throttle';
import type { Database, Db } from './db';
import type { Logger } from './logger';

/** A job run once a day; it must be idempotent, because it is run more often than that (see below). */
export type DailyJob = { name: string; run: (deps: ReminderDeps, today: string) => Promise<unknown> };

/** The registered daily jobs (the areas' jobs are listed here, like the sections and panels). */
export const DAILY_JOBS: DailyJob[] = [
  { name: 'checkpoint-reminders', run: runCheckpointReminders },
  { name: 'provider-renewal-reminders', run: runProviderRenewalReminders },
  { name: 'rate-limit-cleanup', run: (deps) => clearExpiredRateLimits(deps.db) },
  // Last: the digests gather what the jobs above held for the people who chose one.
  { name: 'mail-digests', run: runMailDigests },
];

/**
 * dbKind 'postgres': several Jalons processes may share the database, so each job run holds a
 * PostgreSQL advisory lock and a process finding it taken skips that job. On PGlite there is one
 * process (its data-dir lock) and one connection, which the job itself needs: no lock.
 */
export type JobRunnerDeps = ReminderDeps & { logger: Logger; dbKind?: Database['kind'] };

const HOUR_MS = 60 * 60 * 1000;

/**
 * Runs the daily jobs at start-up and then every hour. Hourly rather than at a set time of day:
 * a process restarted, or asleep at midnight, still sends the day's reminders, and each job's own
 * idempotence (reminder_sent_at…) makes the extra runs harmless. One run at a time; a failure is
 * logged and retried at the next tick. Returns the function that stops the timer.
 */
export function startDailyJobs(deps: JobRunnerDeps, jobs: DailyJob[] = DAILY_JOBS): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runDailyJobs(deps, localToday(), jobs);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Each job once for the given day; one failing job does not keep the others from running. */
export async function runDailyJobs(deps: JobRunnerDeps, today: string, jobs: DailyJob[] = DAILY_JOBS) {
  let failed = 0;
  let skipped = 0;
  for (const job of jobs) {
    try {
      const outcome =
        deps.dbKind === 'postgres'
          ? await withJobLock(deps.db, job.name, () => job.run(deps, today))
          : { ran: true as const, result: await job.run(deps, today) };
      if (outcome.ran) {
        deps.logger.info({ job: job.name, today, result: outcome.result }, 'daily job ran');
      } else {
        skipped++;
        deps.logger.info({ job: job.name, today }, 'daily job skipped: another process is running it');
      }
    } catch (err) {
      failed++;
      deps.logger.error({ err, job: job.name }, 'daily job failed');
    }
  }
  return { failed, skipped };
}

type PgConnection = { query: (text: string, values: unknown[]) => Promise<{ rows: { locked?: boolean }[] }> };
/** knex's connection pool (its `client`, typed `any` by knex): one connection borrowed and given back. */
type Pool = { acquireConnection(): Promise<PgConnection>; releaseConnection(conn: PgConnection): Promise<unknown> };

/**
 * Runs fn while holding the session-level advisory lock of this job, on a connection set aside
 * for it; when another session holds the lock, fn is not run. If the process dies, PostgreSQL
 * ends its session and the lock goes with it: no lock outlives its holder.
 */
export async function withJobLock<T>(
  db: Db,
  name: string,
  fn: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const lockKey = `jalons.daily-job:${name}`;
  const pool = db.client as Pool;
  const conn = await pool.acquireConnection();
  try {
    const { rows } = await conn.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [lockKey]);
    if (!rows[0]?.locked) return { ran: false };
    try {
      return { ran: true, result: await fn() };
    } finally {
      // A failed unlock means the connection broke, which releases the lock as well.
      await conn.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]).catch(() => undefined);
    }
  } finally {
    await pool.releaseConnection(conn);
  }
}
