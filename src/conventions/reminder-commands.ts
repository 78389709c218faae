/**
 * Reminding the parties still to sign the version in force, and the admin override of the
 * delivery guard (reminder-routes.ts).
 */
import { applyTransition } from '../accompaniments/lifecycle';
import type { Trx } from '../platform/db';
import { enqueueMail } from '../platform/mail/outbox';
import { reminderMail } from './mails';
import { boardOf, recipientsOf } from './parties';
import { currentConvention } from './queries';
import { boardPath, type Acc, type Audit } from './route-helpers';
import { partySettled } from './version-lifecycle';
import type { AccompanimentsRow } from '../platform/db-tables';

export type ReminderResult = { sent: string[]; already: string[]; noAddress: string[] };

/**
 * Reminds every party of the version in force still to sign (a structure that left the case is
 * not chased), one e-mail per party with all its addresses, at most once a day per party
 * (`since`: the start of the office's day). Audited; answers who was reminded, who already was
 * today and who has no address.
 */
export async function remindParties(
  trx: Trx,
  acc: Acc,
  current: { id: string; version: number; issued_on: string },
  opts: { since: Date; baseUrl: string },
  audit: Audit,
): Promise<ReminderResult> {
  const result: ReminderResult = { sent: [], already: [], noAddress: [] };
  for (const p of (await boardOf(trx, current.id)).filter((b) => !partySettled(b))) {
    const to = (await recipientsOf(trx, p, acc)).map((r) => r.email);
    if (!to.length) {
      result.noAddress.push(p.name);
      continue;
    }
    // The conditional update is the once-a-day limit, even for two clicks at the same time.
    const updated = await trx('convention_parties')
      .where({ id: p.id })
      .where((q) => q.whereNull('last_reminded_at').orWhere('last_reminded_at', '<', opts.since))
      .update({ last_reminded_at: trx.fn.now() })
      .returning<{ id: string }[]>('id');
    if (!updated.length) {
      result.already.push(p.name);
      continue;
    }
    await enqueueMail(
      trx,
      reminderMail({
        to: [...new Set(to)],
        title: acc.title,
        party: p.name,
        version: current.version,
        issuedOn: current.issued_on,
        link: `${opts.baseUrl}${boardPath(acc)}`,
      }),
    );
    result.sent.push(p.name);
  }
  await audit({
    action: 'convention.remind',
    details: {
      version: current.version,
      sent: result.sent,
      already_today: result.already,
      no_address: result.noAddress,
    },
  });
  return result;
}

/**
 * An admin lets the case into delivery before the convention is signed by every party: the
 * decision is recorded with its reason (the delivery guard reads it) and audited; a case at the
 * convention stage moves to delivery today through the case's lifecycle. Answers whether it moved.
 */
export async function overrideGuard(
  trx: Trx,
  acc: { id: string },
  input: { reason: string; userId: string; onDate: string },
  audit: Audit,
) {
  const current = await currentConvention(trx, acc.id);
  await trx('convention_overrides').insert({
    accompaniment_id: acc.id,
    convention_id: current?.id ?? null,
    reason: input.reason,
    decided_by: input.userId,
  });
  await audit({
    action: 'convention.override',
    details: { reason: input.reason, convention_id: current?.id ?? null, version: current?.version ?? null },
  });
  const state = await trx('accompaniments').where({ id: acc.id }).first<Pick<AccompanimentsRow, 'state'>>('state');
  if (state.state !== 'convention') return false;
  const result = await applyTransition(trx, acc.id, 'delivery', {
    actorId: input.userId,
    comment: input.reason,
    onDate: input.onDate,
  });
  await audit({ action: 'accompaniment.transition', details: { ...result, comment: input.reason, override: true } });
  return true;
}
