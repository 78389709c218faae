import { createHash } from 'node:crypto';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db';

/**
 * Brute-force brakes on login and password reset, per IP and per account.
 * The counters live in PostgreSQL (table rate_limits), so every Jalons process on the same
 * database counts the same attempts; without a database (unit use) they stay in memory.
 */
export type Throttle = {
  /**
   * Counts an attempt BEFORE it is checked, atomically in the store: answers the milliseconds to
   * wait when the limit is already spent (the attempt must then not be checked at all), 0 when it
   * may go ahead. Checking first and counting after the password let a burst of parallel guesses
   * all through (12 at once all reached the password check).
   */
  attempt: (ip: string, account: string) => Promise<number>;
  /** A successful login: its attempt no longer counts against the address, the account starts afresh. */
  succeed: (ip: string, account: string) => Promise<void>;
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

  // consume() increments and reads in one statement (an upsert on PostgreSQL): of N parallel
  // attempts, exactly the first `points` are let through. A refusal is a RateLimiterRes thrown.
  const spend = (l: RateLimiterAbstract, k: string) =>
    l.consume(k).then(
      () => 0,
      (refusal: unknown) => {
        if (refusal instanceof RateLimiterRes) return Math.max(refusal.msBeforeNext, 1000);
        throw refusal;
      },
    );

  return {
    async attempt(ip, account) {
      const waits = await Promise.all([spend(byIp, ip), spend(byAccount, key(account))]);
      return Math.max(...waits);
    },
    async succeed(ip, account) {
      await Promise.all([byIp.reward(ip, 1), byAccount.delete(key(account))]);
    },
  };
}

/** Removes counters whose window ended more than an hour ago (they are ignored already). */
export async function clearExpiredRateLimits(db: Db): Promise<number> {
  return db(RATE_LIMIT_TABLE)
    .where('expire', '<', Date.now() - 3600_000)
    .delete();
}
