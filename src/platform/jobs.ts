import { runCheckpointReminders, ReminderDeps } from '../follow-up/reminder-job';
import { localToday } from '../phases/today';
import type { Logger } from './logger';

/** A job run once a day; it must be idempotent, because it is run more often than that (see below). */
export type DailyJob = { name: string; run: (deps: ReminderDeps, today: string) => Promise<unknown> };

/** The registered daily jobs (the areas' jobs are listed here, like the sections and panels). */
export const DAILY_JOBS: DailyJob[] = [{ name: 'checkpoint-reminders', run: runCheckpointReminders }];

const HOUR_MS = 60 * 60 * 1000;

/**
 * Runs the daily jobs at start-up and then every hour. Hourly rather than at a set time of day:
 * a process restarted, or asleep at midnight, still sends the day's reminders, and each job's own
 * idempotence (reminder_sent_at…) makes the extra runs harmless. One run at a time; a failure is
 * logged and retried at the next tick. Returns the function that stops the timer.
 */
export function startDailyJobs(deps: ReminderDeps & { logger: Logger }, jobs: DailyJob[] = DAILY_JOBS): () => void {
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
export async function runDailyJobs(deps: ReminderDeps & { logger: Logger }, today: string, jobs: DailyJob[] = DAILY_JOBS) {
  let failed = 0;
  for (const job of jobs) {
    try {
      await job.run(deps, today);
    } catch (err) {
      failed++;
      deps.logger.error({ err, job: job.name }, 'daily job failed');
    }
  }
  return { failed };
}
