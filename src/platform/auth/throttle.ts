import { createHash } from 'node:crypto';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db';

/**
 * Brute-force brakes on login and password reset, per IP and per account.
 * The counters live in PostgreSQL (table rate_limits), so every Jalons process on the same
 * database counts the same attempts; without a database (unit use) they stay in memory.
 */
export type Throttle = {
  /** Milliseconds to wait when blocked, 0 when the attempt may go ahead. */
  check: (ip: string, account: string) => Promise<number>;
  fail: (ip: string, account: string) => Promise<void>;
  succeed: (account: string) => Promise<void>;
};

export const RATE_LIMIT_TABLE = 'rate_limits';

type Options = {
  /** Distinguishes the throttles sharing the table ('login', 'reset'). */
  name: string;
  perIp: number;
  perAccount: number;
  windowSeconds: number;
  db?: Db;
};

function limiter(opts: Options, kind: 'ip' | 'acct', points: number): RateLimiterAbstract {
  const common = { keyPrefix: `${opts.name}:${kind}`, points, duration: opts.windowSeconds };
  if (!opts.db) return new RateLimiterMemory(common);
  return new RateLimiterPostgres({
    ...common,
    storeClient: opts.db,
    storeType: 'knex',
    tableName: RATE_LIMIT_TABLE,
    // Created by a migration: the library must not issue DDL, nor run its own cleanup timer
    // (the daily job 'rate-limit-cleanup' removes expired rows).
    tableCreated: true,
    clearExpiredByTimeout: false,
  });
}

// Addresses are at most 254 characters once validated; a longer key (a hostile form) is hashed
// so the primary key stays small.
const key = (account: string) => {
  const k = account.trim().toLowerCase();
  return k.length <= 254 ? k : `sha256:${createHash('sha256').update(k).digest('hex')}`;
};

export function createThrottle(opts: Options): Throttle {
  const byIp = limiter(opts, 'ip', opts.perIp);
  const byAccount = limiter(opts, 'acct', opts.perAccount);

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

/** Removes counters whose window ended more than an hour ago (they are ignored already). */
export async function clearExpiredRateLimits(db: Db): Promise<number> {
  return db(RATE_LIMIT_TABLE).where('expire', '<', Date.now() - 3600_000).delete();
}
