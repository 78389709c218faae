import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Brute-force brakes on login and password reset, per IP and per account.
 * In memory: one Jalons process holds the counters (see the README on running several).
 */
export type Throttle = {
  /** Milliseconds to wait when blocked, 0 when the attempt may go ahead. */
  check: (ip: string, account: string) => Promise<number>;
  fail: (ip: string, account: string) => Promise<void>;
  succeed: (account: string) => Promise<void>;
};

export function createThrottle(opts: { perIp: number; perAccount: number; windowSeconds: number }): Throttle {
  const byIp = new RateLimiterMemory({ keyPrefix: 'ip', points: opts.perIp, duration: opts.windowSeconds });
  const byAccount = new RateLimiterMemory({ keyPrefix: 'acct', points: opts.perAccount, duration: opts.windowSeconds });
  const key = (account: string) => account.trim().toLowerCase();

  const waitOf = (res: RateLimiterRes | null, limit: number) =>
    res && res.consumedPoints >= limit ? Math.max(res.msBeforeNext, 1000) : 0;

  return {
    async check(ip, account) {
      const [a, b] = await Promise.all([byIp.get(ip), byAccount.get(key(account))]);
      return Math.max(waitOf(a, opts.perIp), waitOf(b, opts.perAccount));
    },
    async fail(ip, account) {
      await Promise.all([byIp.penalty(ip, 1), byAccount.penalty(key(account), 1)]);
    },
    async succeed(account) {
      await byAccount.delete(key(account));
    },
  };
}
