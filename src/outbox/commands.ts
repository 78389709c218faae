/**
 * The outbox's commands, callable from a route, a job or the CLI: each takes the write context
 * (transaction + audit) and plain data, never a request.
 */
import type { Id } from '../platform/id';
import { requeueMail } from '../platform/mail/outbox';
import type { WriteContext } from '../platform/write';

/** A message put back in the queue meanwhile (a double click, a colleague): nothing to do. */
export class AlreadyRequeued extends Error {}

/**
 * Whether an admin may send a message again. 'failed': the server refused it, retrying is safe.
 * 'unknown': the send was interrupted and the message may already be in the mailbox; the admin
 * resends knowingly (same Message-ID).
 */
export const isRetriable = (status: string) => status === 'failed' || status === 'unknown';

/** An admin's resend of a failed or interrupted message, audited; AlreadyRequeued if it moved meanwhile. */
export async function retryMessage(w: WriteContext, message: { id: Id; status: string }) {
  if (!isRetriable(message.status) || !(await requeueMail(w.trx, message))) throw new AlreadyRequeued();
  await w.audit({
    action: message.status === 'failed' ? 'outbox.retry' : 'outbox.resend',
    entityType: 'outbox',
    entityId: message.id,
    details: { from_status: message.status },
  });
}
