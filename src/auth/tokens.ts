import { createHash, randomBytes } from 'node:crypto';
import type { Db, Trx } from '../platform/db';

export type TokenPurpose = 'invitation' | 'reset';
export const TOKEN_TTL_HOURS: Record<TokenPurpose, number> = { invitation: 7 * 24, reset: 1 };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Issues a one-time link token; earlier unused tokens of the same purpose stop working. */
export async function issueToken(trx: Trx, userId: string, purpose: TokenPurpose) {
  const raw = randomBytes(32).toString('base64url');
  await trx('auth_tokens').where({ user_id: userId, purpose }).whereNull('used_at').update({ used_at: trx.fn.now() });
  const expiresAt = new Date(Date.now() + TOKEN_TTL_HOURS[purpose] * 3600_000);
  await trx('auth_tokens').insert({ user_id: userId, purpose, token_hash: sha256(raw), expires_at: expiresAt });
  return { raw, expiresAt };
}

export type ValidToken = { id: string; user_id: string; email: string; name: string; locale: 'fr' | 'en' };

export function findValidToken(db: Db | Trx, raw: unknown, purpose: TokenPurpose) {
  if (typeof raw !== 'string' || raw.length < 20 || raw.length > 100) return Promise.resolve(undefined);
  return db('auth_tokens as t')
    .join('users as u', 'u.id', 't.user_id')
    .where({ 't.token_hash': sha256(raw), 't.purpose': purpose })
    .whereNull('t.used_at')
    .where('t.expires_at', '>', db.fn.now())
    .whereNot('u.status', 'disabled')
    .first<ValidToken | undefined>('t.id', 't.user_id', 'u.email', 'u.name', 'u.locale');
}

/** Marks the token used; false when another request used it first. */
export async function consumeToken(trx: Trx, tokenId: string) {
  const n = await trx('auth_tokens').where({ id: tokenId }).whereNull('used_at').update({ used_at: trx.fn.now() });
  return n === 1;
}
