import { runDailyJobs, startDailyJobs, type DailyJob } from '../../src/platform/jobs';
import { localToday } from '../../src/platform/dates';
import { createTestApp, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the daily job runner', () => {
  it('runs every job for the day even when one fails, and reports the failure', async () => {
    const ran: string[] = [];
    const jobs: DailyJob[] = [
      { name: 'broken', run: async () => Promise.reject(new Error('boom')) },
      { name: 'fine', run: async (_deps, today) => ran.push(today) },
    ];
    expect(await runDailyJobs(t.deps, '2017-05-15', jobs)).toEqual({ failed: 1, skipped: 0 });
    expect(ran).toEqual(['2017-05-15']);
  });

  it('runs the jobs at start-up, for today, and can be stopped', async () => {
    let resolveRun: (today: string) => void;
    const ranWith = new Promise<string>((r) => (resolveRun = r));
    const stop = startDailyJobs(t.deps, [{ name: 'probe', run: async (_d, today) => resolveRun(today) }]);
    expect(await ranWith).toBe(localToday());
    stop();
  });
});
