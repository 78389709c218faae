import { FORWARDED } from './http';
import { percentile } from './load';

export type UsersResult = {
  path: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
};

/**
 * `users` people using the page at the same time, as people do: each one asks for the page, reads
 * it, and asks again after a think time drawn from an exponential distribution (mean `thinkMs`),
 * so their clicks are not synchronised. The latency a person sees is measured for every request.
 * This is the "p95 at 20 concurrent users" of issue 8; the closed loop of `loadPage` (no think
 * time, 20 requests always in flight) measures throughput instead (BENCHMARKS.md explains both).
 */
export async function pacedUsers(
  base: string,
  cookies: string[],
  path: string,
  o: { users: number; duration: number; thinkMs: number; random: () => number },
): Promise<UsersResult> {
  const times: number[] = [];
  let errors = 0;
  const end = Date.now() + o.duration * 1000;
  const think = () => new Promise((r) => setTimeout(r, -Math.log(1 - o.random()) * o.thinkMs));
  const user = async (i: number) => {
    // Users arrive spread over the first think time, not all at once.
    await new Promise((r) => setTimeout(r, o.random() * o.thinkMs));
    while (Date.now() < end) {
      const t = performance.now();
      try {
        // Node's fetch keeps connections alive between requests, as a browser does.
        const res = await fetch(`${base}${path}`, {
          headers: { ...FORWARDED, cookie: cookies[i % cookies.length] },
          redirect: 'manual',
        });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      times.push(performance.now() - t);
      await think();
    }
  };
  await Promise.all(Array.from({ length: o.users }, (_, i) => user(i)));
  times.sort((a, b) => a - b);
  return {
    path,
    requests: times.length,
    errors,
    rps: times.length / o.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  };
}
