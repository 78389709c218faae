import { applyTransition, TransitionRefused } from '../accompaniments/lifecycle';
import { caseUrl } from '../accompaniments/tabs';
import { scheduleCheckpoints } from '../follow-up/schedule';
import { refuseBefore } from '../platform/dates';
import type { AccompanimentsRow } from '../platform/db-tables';
import type { Locale } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';
import type { WriteContext } from '../platform/write';
import { acknowledgedMail, handedOffMail, reminderMail } from './mails';
import { HANDOFF_STATES } from './policy';
import { closeOutDate, insertHandoff, membersOf } from './queries';
import type { HandoffInput, KeyDate } from './schemas';

/**
 * What happens to a handoff, callable from a route, a job or the CLI: each command takes the write
 * context (transaction, actor, audit) and plain data. Refusals are TransitionRefused (the case
 * cannot be handed over in its state) or DateRefused (a day, next to its field).
 */

type Case = { id: string; title: string; operator_name: string; intake_on?: string | null };
type Handoff = {
  id: string;
  accompaniment_id: string;
  title: string;
  relay_name: string;
  handed_off_on: string;
  coordinator_id: string | null;
  handed_off_by: string | null;
};

/**
 * Hands the case's follow-up over to a relay, on the day chosen: the case must be in close-out or
 * follow-up, the day on or after its intake and the day it entered close-out. A case in close-out
 * moves to follow-up (lifecycle, with `transitionComment`); the checkpoints are scheduled from the
 * close-out day entered (the handoff's when the case has none), never from today; the relay users
 * named are e-mailed the package's link. A second handoff of the case is a unique violation.
 */
export async function handOff(
  w: WriteContext,
  acc: Case,
  input: HandoffInput,
  keyDates: KeyDate[],
  opts: { relay: { id: string; name: string }; transitionComment: string; baseUrl: string; offsetsMonths: number[] },
) {
  const actorId = w.actor.userId;
  if (!actorId) throw new Error('A handoff is made by a signed-in user');
  const current = await w
    .trx('accompaniments')
    .where({ id: acc.id })
    .forUpdate()
    .first<Pick<AccompanimentsRow, 'state'>>('state');
  if (!HANDOFF_STATES.includes(current.state)) throw new TransitionRefused('lifecycle.invalid');
  const closedOutOn = await closeOutDate(w.trx, acc.id);
  refuseBefore('handed_off_on', input.handed_off_on, acc.intake_on, 'handoffs.dates.beforeIntake');
  refuseBefore('handed_off_on', input.handed_off_on, closedOutOn, 'handoffs.dates.beforeCloseOut');
  const handoffId = await insertHandoff(w.trx, acc.id, input, keyDates, actorId);
  if (current.state === 'close_out') {
    const moved = await applyTransition(w.trx, acc.id, 'follow_up', {
      actorId,
      comment: opts.transitionComment,
      onDate: input.handed_off_on,
    });
    await w.audit({
      action: 'accompaniment.transition',
      entityType: 'accompaniment',
      entityId: acc.id,
      details: { ...moved, handoff_id: handoffId },
    });
  }
  const countFrom = closedOutOn ?? input.handed_off_on;
  await scheduleCheckpoints(w.trx, acc.id, countFrom, opts.offsetsMonths);
  const link = `${opts.baseUrl}/handoffs/${handoffId}`;
  for (const m of await membersOf(w.trx, handoffId)) {
    await enqueueMail(
      w.trx,
      handedOffMail(m, { title: acc.title, operator: acc.operator_name, handedOffOn: input.handed_off_on, link }),
    );
  }
  await w.audit({
    action: 'handoff.create',
    entityType: 'handoff',
    entityId: handoffId,
    details: {
      accompaniment_id: acc.id,
      relay_id: opts.relay.id,
      members: input.member_ids,
      key_dates: keyDates.length,
      handed_off_on: input.handed_off_on,
      closed_out_on: closedOutOn,
      checkpoints_from: countFrom,
    },
  });
  return handoffId;
}

/**
 * The relay's acknowledgement, on the day the package was received (never before it was handed
 * over). Two relay users clicking together acknowledge once: false for the second. The case's
 * coordinator (or whoever handed it over) is told by e-mail.
 */
export async function acknowledge(
  w: WriteContext,
  h: Handoff,
  acknowledgedOn: string,
  opts: { byName: string; baseUrl: string },
) {
  refuseBefore('acknowledged_on', acknowledgedOn, h.handed_off_on, 'handoffs.dates.ackBeforeHandoff');
  const updated = await w
    .trx('handoffs')
    .where({ id: h.id })
    .whereNull('acknowledged_at')
    .update({
      acknowledged_at: w.trx.fn.now(),
      acknowledged_on: acknowledgedOn,
      acknowledged_by: w.actor.userId,
      updated_at: w.trx.fn.now(),
    })
    .returning<{ id: string }[]>('id');
  if (updated.length) {
    const to = h.coordinator_id ?? h.handed_off_by;
    const coordinator = to
      ? await w
          .trx('users')
          .where({ id: to, status: 'active' })
          .first<{ email: string; locale: Locale } | undefined>('email', 'locale')
      : null;
    if (coordinator) {
      await enqueueMail(
        w.trx,
        acknowledgedMail(coordinator, {
          title: h.title,
          relay: h.relay_name,
          by: opts.byName,
          link: `${opts.baseUrl}${caseUrl(h.accompaniment_id, 'handoffs')}`,
        }),
      );
    }
  }
  await w.audit({
    action: updated.length ? 'handoff.acknowledge' : 'handoff.acknowledge_duplicate',
    entityType: 'handoff',
    entityId: h.id,
    details: { accompaniment_id: h.accompaniment_id, acknowledged_on: acknowledgedOn },
  });
  return updated.length > 0;
}

/**
 * Reminds the relay users of a package not yet acknowledged, once a day (not since `since`, the
 * start of the office's day): the conditional update is the limit, even for two clicks at once.
 * False when refused.
 */
export async function remind(w: WriteContext, h: Handoff, since: Date, baseUrl: string) {
  const updated = await w
    .trx('handoffs')
    .where({ id: h.id })
    .whereNull('acknowledged_at')
    .where((q) => q.whereNull('last_reminded_at').orWhere('last_reminded_at', '<', since))
    .update({
      last_reminded_at: w.trx.fn.now(),
      reminder_count: w.trx.raw('reminder_count + 1'),
      updated_at: w.trx.fn.now(),
    })
    .returning<{ id: string }[]>('id');
  const members = updated.length ? await membersOf(w.trx, h.id) : [];
  for (const m of members) {
    await enqueueMail(
      w.trx,
      reminderMail(m, { title: h.title, handedOffOn: h.handed_off_on, link: `${baseUrl}/handoffs/${h.id}` }),
    );
  }
  await w.audit({
    action: updated.length ? 'handoff.remind' : 'handoff.remind_refused',
    entityType: 'handoff',
    entityId: h.id,
    details: { accompaniment_id: h.accompaniment_id, to: members.map((m) => m.email) },
  });
  return updated.length > 0;
}
