import type { Request } from 'express';
import { Actor, actorOf, audit, AuditEntry } from './audit';
import type { Db, Trx } from './db';

export type WriteContext = {
  trx: Trx;
  actor: Actor;
  audit: (entry: AuditEntry) => Promise<void>;
};

type AfterCommit = () => void;

/**
 * The one way to change data from a request: a transaction that must write at least one audit
 * entry, then the after-commit hooks (the outbox is kicked only once the mail rows exist).
 */
export function makeWriter(db: Db, afterCommit: AfterCommit[] = []) {
  return async function write<T>(req: Request | Actor, fn: (w: WriteContext) => Promise<T>): Promise<T> {
    const actor = 'userId' in req ? req : actorOf(req);
    let audited = 0;
    const result = await db.transaction(async (trx) => {
      const value = await fn({
        trx,
        actor,
        audit: async (entry) => {
          audited++;
          await audit(trx, actor, entry);
        },
      });
      if (audited === 0) throw new Error('A write transaction ended without an audit entry');
      return value;
    });
    for (const hook of afterCommit) hook();
    return result;
  };
}

export type Writer = ReturnType<typeof makeWriter>;
