import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Db, Trx } from './db';

const TABLE = 'user_sessions';

/** Ends every open login session of a user (password changed, account disabled). */
export async function closeUserSessions(trx: Trx, userId: string) {
  await trx(TABLE).whereRaw(`sess->'passport'->>'user' = ?`, [userId]).del();
}

/**
 * express-session store on the `user_sessions` table, through knex so the same code serves PGlite
 * and PostgreSQL (connect-pg-simple wants a pg Pool, which PGlite has not). The table comes
 * from a migration, never created lazily.
 */
/**
 * Sliding the expiry of an idle session writes the row (and flushes the write-ahead log) on every
 * page view. The expiry is only slid when it moves by at least this much: a session may then end
 * up to a minute before its idle limit, and page views stop being writes.
 */
export const TOUCH_AFTER_MS = 60_000;
const REMEMBERED = 10_000;

export class KnexSessionStore extends session.Store {
  private pruneTimer?: NodeJS.Timeout;
  /** The stored expiry of the sessions read by this process, from `get`, which runs before `touch` in the same request. */
  private readonly storedExpiry = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
    pruneEveryMs = 15 * 60_000,
  ) {
    super();
    if (pruneEveryMs > 0) {
      this.pruneTimer = setInterval(() => void this.prune().catch(() => {}), pruneEveryMs);
      this.pruneTimer.unref();
    }
  }

  private expiry(sess: session.SessionData): Date {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + this.idleMs);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void) {
    this.db(TABLE)
      .where({ sid })
      .where('expires_at', '>', this.db.fn.now())
      .first<{ sess: session.SessionData; expires_at: Date } | undefined>('sess', 'expires_at')
      .then((row) => {
        if (row) this.remember(sid, new Date(row.expires_at).getTime());
        cb(null, row ? row.sess : null);
      }, cb);
  }

  private remember(sid: string, expiresAt: number) {
    if (this.storedExpiry.size >= REMEMBERED) this.storedExpiry.clear();
    this.storedExpiry.set(sid, expiresAt);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    this.db(TABLE)
      .insert({ sid, sess: JSON.stringify(sess), expires_at: this.expiry(sess) })
      .onConflict('sid')
      .merge()
      .then(
        () => {
          this.remember(sid, this.expiry(sess).getTime());
          cb?.();
        },
        (err) => cb?.(err),
      );
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    const expires = this.expiry(sess);
    const stored = this.storedExpiry.get(sid);
    if (stored !== undefined && expires.getTime() - stored < TOUCH_AFTER_MS) {
      cb?.();
      return;
    }
    this.db(TABLE)
      .where({ sid })
      .update({ expires_at: expires })
      .then(
        () => {
          this.remember(sid, expires.getTime());
          cb?.();
        },
        (err) => cb?.(err),
      );
  }

  override destroy(sid: string, cb?: (err?: unknown) => void) {
    this.storedExpiry.delete(sid);
    this.db(TABLE)
      .where({ sid })
      .del()
      .then(
        () => cb?.(),
        (err) => cb?.(err),
      );
  }

  prune() {
    return this.db(TABLE).where('expires_at', '<=', this.db.fn.now()).del();
  }

  close() {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
  }
}

/**
 * express-session saves or touches the session while the response is being ended and reports a
 * failure (database down) by calling `next(err)` once the response has gone out. By then the
 * router has already run the error handler, so the error would reach Express's final handler,
 * which destroys the socket: the browser's next request on that keep-alive connection is reset
 * instead of getting its 503 page. Such a late error is only logged; earlier ones go on as usual.
 */
export function keepSocketOnLateSessionErrors(middleware: RequestHandler): RequestHandler {
  return (req, res, next) =>
    middleware(req, res, (err?: unknown) => {
      if (err && res.headersSent) {
        (req as { log?: { warn: (o: object, msg: string) => void } }).log?.warn(
          { err },
          'session not saved after the response',
        );
        return;
      }
      next(err as Error);
    });
}
