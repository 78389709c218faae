/**
 * A session's standing, callable from a route, a job or the CLI: the coordinator's validation,
 * closing (the minutes locked) and reopening with a reason. The status moves through lifecycle.ts.
 */
import type { SessionsRow } from '../platform/db-tables';
import type { WriteContext } from '../platform/write';
import type { SessionRef } from './commands';
import { applySessionTransition } from './lifecycle';

/** The session's validation by the coordinator. */
export async function validateSession(w: WriteContext, s: SessionRef, actorId: string) {
  await w
    .trx('sessions')
    .where({ id: s.id })
    .update({
      validated_at: w.trx.fn.now(),
      validated_by: actorId,
      lock_version: w.trx.raw('lock_version + 1'),
      updated_at: w.trx.fn.now(),
    });
  await w.audit({
    action: 'session.validate',
    entityType: 'session',
    entityId: s.id,
    details: { accompaniment_id: s.accompaniment_id },
  });
}

/**
 * Closing locks the minutes and decisions. It is the coordinator's acceptance of the record, so a
 * provider-logged session not validated yet is validated by closing it (the audit entry says so).
 * A session that has not started yet cannot be closed (the transition table's guard).
 */
export async function closeSession(w: WriteContext, s: SessionRef, actorId: string, now = new Date()) {
  await applySessionTransition(w.trx, s.id, 'close', { actorId, now });
  const { validated_at } = await w
    .trx('sessions')
    .where({ id: s.id })
    .first<Pick<SessionsRow, 'validated_at'>>('validated_at');
  const validatedNow = !validated_at;
  const patch: Record<string, unknown> = { lock_version: w.trx.raw('lock_version + 1'), updated_at: w.trx.fn.now() };
  if (validatedNow) Object.assign(patch, { validated_at: w.trx.fn.now(), validated_by: actorId });
  await w.trx('sessions').where({ id: s.id }).update(patch);
  await w.audit({
    action: 'session.close',
    entityType: 'session',
    entityId: s.id,
    details: { accompaniment_id: s.accompaniment_id, validated_on_close: validatedNow },
  });
}

/** Reopening (with its reason) unlocks the minutes: the session is held again. */
export async function reopenSession(w: WriteContext, s: SessionRef, actorId: string, reason: string) {
  await applySessionTransition(w.trx, s.id, 'reopen', { actorId, reason });
  await w
    .trx('sessions')
    .where({ id: s.id })
    .update({ lock_version: w.trx.raw('lock_version + 1') });
  await w.audit({
    action: 'session.reopen',
    entityType: 'session',
    entityId: s.id,
    details: { accompaniment_id: s.accompaniment_id, reason },
  });
}
