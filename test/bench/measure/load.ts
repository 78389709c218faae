import autocannon from 'autocannon';
import { cpuDelta, type CpuSnapshot } from './cpu';
import { FORWARDED } from './http';

export type PageResult = {
  name: string;
  path: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU ms per request of the Jalons process and of PostgreSQL during the run. */
  serverCpuMs: number;
  postgresCpuMs: number;
};

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/**
 * Loads one page with `connections` concurrent users (one session each, from `cookies`) for `duration` seconds (after a short warm-up
 * run that is not counted). Latencies are every response's own time, so p95 is exact.
 */
export async function loadPage(
  base: string,
  cookies: string[],
  page: { name: string; path: string },
  opts: { connections: number; duration: number; cpu: () => CpuSnapshot },
): Promise<PageResult> {
  // Each connection is its own logged-in user (its own session), as 20 people would be.
  let next = 0;
  const options = (duration: number): autocannon.Options => ({
    url: base,
    connections: opts.connections,
    duration,
    requests: [
      {
        method: 'GET',
        path: page.path,
        setupRequest: (req, context: object) => {
          const ctx = context as { cookie?: string };
          ctx.cookie ??= cookies[next++ % cookies.length];
          return { ...req, headers: { ...req.headers, ...FORWARDED, cookie: ctx.cookie } };
        },
      },
    ],
  });
  await autocannon(options(1));
  const times: number[] = [];
  let errors = 0;
  const before = opts.cpu();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options(opts.duration), (err, r) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(r),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      times.push(ms);
      if (status !== 200) errors++;
    });
  });
  const cpu = cpuDelta(before, opts.cpu());
  times.sort((a, b) => a - b);
  return {
    name: page.name,
    path: page.path,
    requests: times.length,
    errors: errors + result.errors + result.timeouts,
    rps: times.length / opts.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    serverCpuMs: cpu.server / Math.max(1, times.length),
    postgresCpuMs: cpu.postgres / Math.max(1, times.length),
  };
}
