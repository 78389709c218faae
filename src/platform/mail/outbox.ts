import { buffer } from 'node:stream/consumers';
import nodemailer, { Transporter } from 'nodemailer';
import type { Db, Trx } from '../db';
import type { DocumentsRow, OutboxRow } from '../db-tables';
import type { Logger } from '../logger';
import type { Storage } from '../storage';
import type { Id } from '../id';

/**
 * icalEvent: an optional iCalendar text (METHOD:REQUEST for an invitation), sent as a text/calendar part.
 * attachmentDocumentId: a stored document (documents table) attached as a file, read at send time.
 */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  kind: string;
  icalEvent?: string;
  attachmentDocumentId?: string;
};

/**
 * Mails that always go at once, whoever receives them: a link to sign in or choose a password, a
 * digest itself. Mails with a calendar invitation or an attached document go at once too (a digest
 * carries text only).
 */
const IMMEDIATE_KINDS = new Set(['invitation', 'password_reset', 'digest']);

/** Whether a mail may wait for its recipient's daily digest (one address, text only, not urgent). */
export const digestible = (mail: OutgoingMail) =>
  !IMMEDIATE_KINDS.has(mail.kind) && !mail.icalEvent && !mail.attachmentDocumentId && !mail.to.includes(',');

/**
 * Called inside the transaction that decides to send: the mail exists if and only if the change does.
 * A mail for a person who chose the daily digest (users.mail_delivery) is held for it ('held', sent by
 * the daily job, mail/digest.ts), decided in the same statement as the insert.
 */
export async function enqueueMail(trx: Trx, mail: OutgoingMail) {
  const status = digestible(mail)
    ? trx.raw(
        `case when exists (select 1 from users u where u.email = lower(?) and u.mail_delivery = 'digest'
           and u.status = 'active') then 'held' else 'pending' end`,
        [mail.to.trim()],
      )
    : 'pending';
  const [row] = await trx<OutboxRow>('outbox')
    .insert({
      to_address: mail.to,
      subject: mail.subject,
      body_text: mail.text,
      kind: mail.kind,
      ical_event: mail.icalEvent ?? null,
      attachment_document_id: mail.attachmentDocumentId ?? null,
      status: status as string,
    })
    .returning<{ id: Id }[]>('id');
  return row.id;
}

/**
 * Puts a message back in the queue for an admin's resend, as if new (attempts from 0). Conditional on
 * the status it was read with: a double click must not put a message sent meanwhile back in the
 * queue. Answers whether it was put back.
 */
export async function requeueMail(trx: Trx, message: { id: Id; status: string }) {
  const updated = await trx('outbox')
    .where({ id: message.id, status: message.status })
    .update({ status: 'pending', next_attempt_at: trx.fn.now(), attempts: 0, claimed_at: null });
  return updated > 0;
}

/** Sends at once what was held for an address's next digest (its owner went back to immediate mails). */
export function releaseHeldMail(trx: Trx, email: string): Promise<number> {
  return trx('outbox')
    .where({ status: 'held', to_address: email })
    .update({ status: 'pending', next_attempt_at: trx.fn.now() });
}

/** The calendar part of a mail: its METHOD (REQUEST, PUBLISH…) also goes into the Content-Type. */
function icalPart(content: string | null) {
  if (!content) return undefined;
  const method = /^METHOD:([A-Z-]+)\r?$/m.exec(content)?.[1] ?? 'PUBLISH';
  return { method, content, filename: 'invitation.ics' };
}

const MAX_ATTEMPTS = 8;
// 30 s, 1 min, 2 min … capped at 1 h: a mail server down for an afternoon loses nothing.
const backoffSeconds = (attempts: number) => Math.min(3600, 30 * 2 ** (attempts - 1));
const STALE_CLAIM_MINUTES = 15;

/**
 * A stable Message-ID per outbox row: a resend (by an admin) carries the same one, so a
 * receiving system that deduplicates on it shows the message once.
 */
export function messageIdOf(outboxId: string | number, from: string) {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'jalons.local';
  return `<outbox-${outboxId}@${domain}>`;
}

export type Outbox = {
  enabled: boolean;
  kick: () => void;
  deliverDue: () => Promise<number>;
  start: () => void;
  stop: () => Promise<void>;
};

/**
 * Delivers pending rows after commit. A row is claimed in a short transaction and sent outside
 * it: an SMTP exchange must never hold the (single, on PGlite) database connection.
 * At most once: a row still 'sending' long after its claim belongs to a send that was cut short
 * (the process died or hung between the SMTP server's answer and the 'sent' mark). Whether the
 * server accepted it is not known, so it becomes 'unknown' and waits for an admin's decision
 * (Renvoyer, on the outbox page) instead of being sent a second time.
 */
export function createOutbox(opts: {
  db: Db;
  smtpUrl?: string;
  from: string;
  logger: Logger;
  intervalMs?: number;
  transport?: Transporter;
  /** Where attached documents are read from; a mail with an attachment waits until it is given. */
  storage?: Storage;
}): Outbox {
  const { db, logger } = opts;
  const transport = opts.transport ?? (opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : undefined);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again: Promise<number> | undefined;

  async function claim() {
    return db.transaction(async (trx) => {
      await trx('outbox')
        .where({ status: 'sending' })
        .where('claimed_at', '<', trx.raw(`now() - interval '${STALE_CLAIM_MINUTES} minutes'`))
        .update({ status: 'unknown', last_error: 'interrupted while sending: the mail server may have accepted it' });
      const rows = await trx<OutboxRow>('outbox')
        .where({ status: 'pending' })
        .where('next_attempt_at', '<=', trx.fn.now())
        .orderBy('id')
        .limit(20)
        .forUpdate()
        .skipLocked()
        .select('id', 'to_address', 'subject', 'body_text', 'attempts', 'ical_event', 'attachment_document_id');
      if (rows.length) {
        await trx('outbox')
          .whereIn(
            'id',
            rows.map((r) => r.id),
          )
          .update({ status: 'sending', claimed_at: trx.fn.now() });
      }
      return rows;
    });
  }

  // A missing file is an error like an SMTP refusal: the row is retried, then marked failed.
  async function readAttachment(documentId: string) {
    const doc = await db<DocumentsRow>('documents')
      .where({ id: documentId })
      .first('filename', 'mime_type', 'storage_key');
    const stream = doc && opts.storage ? await opts.storage.get(doc.storage_key) : null;
    if (!doc || !stream) throw new Error(`attachment document ${documentId} is not readable`);
    return { filename: doc.filename, contentType: doc.mime_type, content: await buffer(stream) };
  }

  async function deliverOnce(): Promise<number> {
    if (!transport) return 0;
    let sent = 0;
    for (;;) {
      const rows = await claim();
      if (!rows.length) return sent;
      for (const row of rows) {
        try {
          const attachments = row.attachment_document_id
            ? [await readAttachment(row.attachment_document_id)]
            : undefined;
          await transport.sendMail({
            messageId: messageIdOf(row.id, opts.from),
            from: opts.from,
            to: row.to_address,
            subject: row.subject,
            text: row.body_text,
            icalEvent: icalPart(row.ical_event),
            attachments,
          });
          await db('outbox')
            .where({ id: row.id })
            .update({ status: 'sent', sent_at: db.fn.now(), attempts: row.attempts + 1, last_error: null });
          sent++;
        } catch (err) {
          const attempts = row.attempts + 1;
          logger.warn({ err, outboxId: row.id, attempts }, 'mail delivery failed');
          // Only while still ours: a row declared 'unknown' meanwhile stays for the admin to decide.
          await db('outbox')
            .where({ id: row.id, status: 'sending' })
            .update({
              status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
              attempts,
              last_error: String((err as Error).message).slice(0, 500),
              claimed_at: null,
              next_attempt_at: db.raw(`now() + interval '${backoffSeconds(attempts)} seconds'`),
            });
        }
      }
    }
  }

  /**
   * Delivers what is due; resolves once every row due at the time of the call has been tried.
   * One run at a time: a call made during a run (which may have claimed its rows before this
   * call's rows were due) waits for that run, then for one more, shared by every such call.
   */
  function deliverDue(): Promise<number> {
    if (running) {
      again ??= running.then(() => {
        again = undefined;
        return deliverDue();
      });
      return again;
    }
    running = deliverOnce()
      .catch((err) => {
        logger.error({ err }, 'outbox run failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    enabled: Boolean(transport),
    kick: () => {
      if (transport) void deliverDue();
    },
    deliverDue,
    start: () => {
      if (!transport || timer) return;
      timer = setInterval(() => void deliverDue(), opts.intervalMs ?? 30_000);
      timer.unref();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      await again; // includes the run under way
      await running;
      transport?.close();
    },
  };
}
