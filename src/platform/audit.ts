import type { Request } from 'express';
import type { Db, Trx } from './db';

export type Actor = { userId: string | null; ip: string | null; requestId: string | null };

/**
 * The request's id (pino-http's genReqId in app.ts gives a UUID string), as the error pages and the audit print it.
 * Not a row's id: Express types it string | number | object, so a number is really possible here.
 */
export const requestIdOf = (req: Request): string =>
  typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : '';

export function actorOf(req: Request): Actor {
  return { userId: req.user?.id ?? null, ip: req.ip ?? null, requestId: requestIdOf(req) || null };
}

/**
 * The actor of work no user asked for (scheduled jobs): no user, no IP; the job's name goes into
 * request_id so the audit log still says where the entry came from. Pass it to deps.write.
 */
export function systemActor(jobName: string): Actor {
  return { userId: null, ip: null, requestId: jobName };
}

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
};

export async function audit(trx: Trx | Db, actor: Actor, entry: AuditEntry) {
  await trx('audit_log').insert({
    actor_id: actor.userId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId == null ? null : String(entry.entityId),
    ip: actor.ip,
    request_id: actor.requestId,
    details: JSON.stringify(entry.details ?? {}),
  });
}
