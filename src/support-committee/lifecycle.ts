/**
 * A comité d'appui meeting's status: planned → held (on the day it was held, chosen by the user) or
 * planned → cancelled (with its reason). The transition table below is the only place a meeting's
 * status changes, each move written to support_committee_meeting_transitions with its day, like a
 * session's (sessions/lifecycle.ts) and the case's (accompaniments/lifecycle.ts).
 */
import type { Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import { eventsFrom, findMove, givenReason, logTransition } from '../platform/transitions';

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export type MeetingEvent = 'hold' | 'cancel';
export const MEETING_EVENTS: readonly MeetingEvent[] = ['hold', 'cancel'];

type MeetingRow = { id: string; meets_on: string; created_at: Date | string };

/** A guard answers null when the move is allowed, else the catalogue key of the French reason. */
type Guard = (trx: Trx, meeting: MeetingRow) => Promise<MessageKey | null>;

export type MeetingTransition = {
  event: MeetingEvent;
  from: MeetingStatus;
  to: MeetingStatus;
  reasonRequired: boolean;
  guard?: Guard;
};

/** A meeting is held about something: at least one item on its agenda. */
const hasAgenda: Guard = async (trx, m) =>
  (await trx('support_committee_items').where({ meeting_id: m.id }).first('id'))
    ? null
    : 'supportCommittee.transition.noAgenda';

/** The transition table: the only moves a meeting's status knows (held and cancelled are final). */
export const MEETING_TRANSITIONS: readonly MeetingTransition[] = [
  { event: 'hold', from: 'planned', to: 'held', reasonRequired: false, guard: hasAgenda },
  { event: 'cancel', from: 'planned', to: 'cancelled', reasonRequired: true },
];

export function findMeetingTransition(from: MeetingStatus, event: MeetingEvent): MeetingTransition | undefined {
  return findMove(MEETING_TRANSITIONS, from, event);
}

/** The moves the meeting's page offers from its status. */
export const meetingEventsFrom = (status: MeetingStatus) => eventsFrom(MEETING_TRANSITIONS, status);

export class MeetingTransitionRefused extends Error {
  constructor(readonly reasonKey: MessageKey) {
    super(reasonKey);
  }
}

/** Logs a new meeting's first status (no from_status), in the transaction that creates it. */
export async function logMeetingCreated(trx: Trx, meetingId: string, happenedOn: string, actorId: string | null) {
  await logTransition(trx, 'support_committee_meeting_transitions', {
    meeting_id: meetingId,
    event: 'create',
    from_status: null,
    to_status: 'planned',
    happened_on: happenedOn,
    actor_id: actorId,
    reason: null,
  });
}

/**
 * Moves a meeting inside the caller's transaction: the row is locked, the status re-read, the move
 * looked up in the table, the reason and the guard checked, the status written and the move logged
 * with its day. Holding it records the day it was held as the meeting's date (it may have moved
 * from the planned day; never in the future: the form's business, happenedOn). Opinions are given
 * only once a meeting is held, so no opinion predates that day. Refusals throw MeetingTransitionRefused.
 */
export async function applyMeetingTransition(
  trx: Trx,
  meetingId: string,
  event: MeetingEvent,
  opts: { actorId: string | null; happenedOn: string; reason?: string | null },
) {
  const current = await trx('support_committee_meetings')
    .where({ id: meetingId })
    .forUpdate()
    .first<(MeetingRow & { status: MeetingStatus }) | undefined>('id', 'status', 'meets_on', 'created_at');
  if (!current) throw new MeetingTransitionRefused('supportCommittee.transition.invalid');
  const from = current.status;
  const transition = findMeetingTransition(from, event);
  if (!transition) throw new MeetingTransitionRefused('supportCommittee.transition.invalid');
  const reason = givenReason(opts.reason);
  if (transition.reasonRequired && !reason)
    throw new MeetingTransitionRefused('supportCommittee.transition.reasonRequired');
  const refusal = transition.guard ? await transition.guard(trx, current) : null;
  if (refusal) throw new MeetingTransitionRefused(refusal);
  await trx('support_committee_meetings')
    .where({ id: meetingId })
    .update({
      status: transition.to,
      ...(event === 'hold' ? { meets_on: opts.happenedOn } : {}),
      updated_at: trx.fn.now(),
      lock_version: trx.raw('lock_version + 1'),
    });
  await logTransition(trx, 'support_committee_meeting_transitions', {
    meeting_id: meetingId,
    event,
    from_status: from,
    to_status: transition.to,
    happened_on: opts.happenedOn,
    actor_id: opts.actorId,
    reason,
  });
  return { from, to: transition.to };
}
