import { systemActor } from '../audit';
import type { Db } from '../db';
import { formatDate, type Locale, translate } from '../i18n';
import type { Writer } from '../write';
import { enqueueMail } from './outbox';

type DigestDeps = { db: Db; write: Writer; config: { baseUrl: string } };
type Held = { id: string; subject: string; body_text: string; created_at: Date };

const ACTOR = systemActor('job:mail-digests');

// Another run took these mails first: nothing was written, nothing to send.
class AlreadyDigested extends Error {}

/** Mails held before the office's day `today` began (the day's digest gathers the days before it). */
const HELD_BEFORE = `o.status = 'held' and o.created_at < (?::date)::timestamp at time zone 'Europe/Paris'`;

/**
 * The daily job of the people who chose the digest (users.mail_delivery): one mail per address with
 * every notification held for it before today, oldest first, in its locale; the held mails become
 * 'digested' (digest_id: the mail that carried them). Idempotent: the held rows are taken with a
 * lock and a conditional change, so a second run, or two at once, send nothing more. A mail held for
 * an address whose account is gone or went back to immediate mails still goes, in a digest.
 * Returns the number of digests queued.
 */
export async function runMailDigests(deps: DigestDeps, today: string): Promise<number> {
  const addresses = await deps
    .db('outbox as o')
    .leftJoin('users as u', 'u.email', deps.db.raw('lower(trim(o.to_address))'))
    .whereRaw(HELD_BEFORE, [today])
    .groupBy('o.to_address')
    .orderBy('o.to_address')
    .select<{ to_address: string; locale: string | null }[]>('o.to_address', deps.db.raw('min(u.locale) as locale'));
  let sent = 0;
  for (const a of addresses) {
    const locale: Locale = a.locale === 'en' ? 'en' : 'fr';
    try {
      await deps.write(ACTOR, async (w) => {
        const held = await w
          .trx('outbox as o')
          .where('o.to_address', a.to_address)
          .whereRaw(HELD_BEFORE, [today])
          .orderBy('o.id')
          .forUpdate()
          .skipLocked()
          .select<Held[]>('o.id', 'o.subject', 'o.body_text', 'o.created_at');
        if (!held.length) throw new AlreadyDigested();
        const digestId = await enqueueMail(w.trx, digestMail(a.to_address, locale, held, deps.config.baseUrl));
        await w
          .trx('outbox')
          .whereIn(
            'id',
            held.map((h) => h.id),
          )
          .where('status', 'held')
          .update({ status: 'digested', digest_id: digestId });
        await w.audit({
          action: 'outbox.digest',
          entityType: 'outbox',
          entityId: digestId,
          details: { mails: held.map((h) => h.id) },
        });
      });
      sent++;
    } catch (err) {
      if (!(err instanceof AlreadyDigested)) throw err;
    }
  }
  return sent;
}

/** One mail: the held messages one after the other, each under its subject and the day it was written. */
function digestMail(to: string, locale: Locale, held: Held[], baseUrl: string) {
  const parts = held.map((h, i) =>
    [
      translate(locale, 'notify.digest.item', {
        n: i + 1,
        subject: h.subject,
        date: formatDate(locale, h.created_at, 'datetime'),
      }),
      h.body_text.trim(),
    ].join('\n\n'),
  );
  const rule = '\n\n------------------------\n\n';
  return {
    to,
    kind: 'digest',
    subject: translate(locale, 'notify.digest.subject', { count: held.length }),
    text: [
      translate(locale, 'notify.digest.intro', { count: held.length }),
      parts.join(rule),
      translate(locale, 'notify.digest.footer', { link: `${baseUrl}/account/mail` }),
    ].join(rule),
  };
}
