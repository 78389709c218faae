import { createHash, randomBytes } from 'node:crypto';
import { findSessionUser, SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';

/** 32 random bytes in base64url: 43 characters, too many to guess, so no rate limit is needed. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates the user's feed token, revoking the previous one; only its SHA-256 is kept. */
export async function issueFeedToken(trx: Trx, userId: string): Promise<{ raw: string; replaced: boolean }> {
  const replaced = await revokeFeedToken(trx, userId);
  const raw = randomBytes(32).toString('base64url');
  await trx('calendar_tokens').insert({ user_id: userId, token_hash: sha256(raw) });
  return { raw, replaced: replaced > 0 };
}

/** Revokes the user's working token, if any; the number of rows revoked. */
export function revokeFeedToken(trx: Trx, userId: string): Promise<number> {
  return trx('calendar_tokens').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
}

export function activeFeedToken(db: Db, userId: string) {
  return db('calendar_tokens')
    .where({ user_id: userId })
    .whereNull('revoked_at')
    .first<{ id: string; created_at: Date } | undefined>('id', 'created_at');
}

/** The active user a feed URL belongs to; undefined for a malformed, unknown or revoked token, or a disabled account. */
export async function findFeedUser(db: Db, raw: unknown): Promise<SessionUser | undefined> {
  if (typeof raw !== 'string' || !TOKEN_SHAPE.test(raw)) return undefined;
  const row = await db('calendar_tokens as ct')
    .join('users as u', 'u.id', 'ct.user_id')
    .where('ct.token_hash', sha256(raw))
    .whereNull('ct.revoked_at')
    .where('u.status', 'active')
    .first<{ user_id: string } | undefined>('ct.user_id');
  if (!row) return undefined;
  const user = await findSessionUser(db, { id: row.user_id });
  if (!user || user.status !== 'active') return undefined;
  const { password_hash: _hash, ...sessionUser } = user;
  return sessionUser;
}
