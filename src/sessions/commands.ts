/**
 * The sessions' workflows, callable from a route, a job or the CLI: each takes the write context
 * (transaction + audit) and plain data, never a request. Logging and editing a session with its
 * invitees and the budget rule, recording attendance, validating, closing and reopening (status
 * moves through lifecycle.ts), adding action items and changing their status.
 */
import type { WriteContext } from '../platform/write';
import type { MessageKey } from '../platform/i18n';
import { ownerChoices } from './action-queries';
import { Choices, defaultInvitees, Participant, resolveInvitees, addGuest, syncAttendees } from './attendees';
import { BudgetCheck, checkBudget } from './budget';
import {
  applySessionTransition,
  editEvent,
  hasStarted,
  initialStatus,
  logSessionCreated,
  type SessionStatus,
  statusAfterEdit,
} from './lifecycle';
import {
  ActionItemInput,
  ActionStatus,
  GuestInput,
  OPEN_ACTION_STATUSES,
  SessionInput,
  SETTABLE_PRESENCES,
} from './schemas';
import { parisToInstant } from './time';
import type { Id } from '../platform/id';
import type { SessionsRow } from '../platform/db-tables';

/** Who saves a session, as the policy judged them: the operator's staff need no validation, and alone may go over the contracted days. */
export type SessionAuthor = { id: string; staff: boolean; canExceed: boolean };

/** A session form's data once parsed: its fields, the members ticked and the guest rows. */
export type SessionSave = { data: SessionInput; members: Participant[]; guests: GuestInput[] };

type SessionRef = { id: string; accompaniment_id: string };

/** Why a save that adds days was refused by the budget rule (the transaction is rolled back). */
export class OverBudget extends Error {
  constructor(
    readonly budget: BudgetCheck,
    readonly reason: 'forbidden' | 'confirm' | 'reason',
  ) {
    super('over budget');
  }
}

/** The session changed since the form was opened (optimistic locking), or was closed meanwhile. */
export class StaleSession extends Error {}

/** The owner picked for an action item is not a structure of the case. */
export class UnknownOwner extends Error {}

/**
 * The budget rule of a save that adds days over the contracted ones: refused to whoever may not
 * exceed them, and otherwise only confirmed and with a reason. A refusal throws, so nothing of the
 * save is kept.
 */
async function enforceBudget(
  w: WriteContext,
  accompanimentId: string,
  sessionId: string | null,
  d: SessionInput,
  canExceed: boolean,
) {
  const budget = await checkBudget(w.trx, accompanimentId, sessionId, d.days_consumed);
  if (budget.exceeds) {
    if (!canExceed) throw new OverBudget(budget, 'forbidden');
    if (!d.confirm_over_budget) throw new OverBudget(budget, 'confirm');
    if (!d.over_budget_reason) throw new OverBudget(budget, 'reason');
  }
  return budget;
}

/** The columns a session form saves. */
const columnsOf = (d: SessionInput) => ({
  type: d.type,
  title: d.title,
  theme: d.theme,
  starts_at: parisToInstant(d.date, d.start_time),
  ends_at: d.end_time ? parisToInstant(d.date, d.end_time) : null,
  place: d.place,
  video_url: d.video_url,
  phase_id: d.phase_id,
  working_group_id: d.working_group_id,
  agenda: d.agenda,
  days_consumed: d.days_consumed,
  minutes: d.minutes,
  decisions: d.decisions,
});

/**
 * Logs a session of a case: planned, or held when its minutes come with it. With no member
 * ticked, a committee session invites the committee and a group session its group (guests come on
 * top). Sessions logged by the operator's staff need no validation; the provider's wait for it.
 */
export async function createSession(
  w: WriteContext,
  accompanimentId: string,
  author: SessionAuthor,
  save: SessionSave & { choices: Choices },
) {
  const d = save.data;
  const members = save.members.length
    ? save.members
    : resolveInvitees(save.choices, defaultInvitees(save.choices, d.type, d.working_group_id)).found;
  const budget = await enforceBudget(w, accompanimentId, null, d, author.canExceed);
  const status = initialStatus(d);
  const [row] = await w
    .trx('sessions')
    .insert({
      ...columnsOf(d),
      accompaniment_id: accompanimentId,
      status,
      over_budget_reason: budget.exceeds ? d.over_budget_reason : null,
      logged_by: author.id,
      validated_at: author.staff ? w.trx.fn.now() : null,
      validated_by: author.staff ? author.id : null,
    })
    .returning<{ id: Id }[]>('id');
  const id = row.id;
  await logSessionCreated(w.trx, id, status, author.id);
  const invited = await syncAttendees(w.trx, id, members, save.guests);
  await w.audit({
    action: 'session.create',
    entityType: 'session',
    entityId: id,
    details: {
      accompaniment_id: accompanimentId,
      type: d.type,
      title: d.title,
      date: d.date,
      days: d.days_consumed,
      invited: invited.added,
    },
  });
  if (budget.exceeds) await auditOverBudget(w, id, accompanimentId, budget, d.over_budget_reason!);
  return { id, budget };
}

async function auditOverBudget(
  w: WriteContext,
  sessionId: string,
  accompanimentId: string,
  b: BudgetCheck,
  reason: string,
) {
  await w.audit({
    action: 'session.over_budget',
    entityType: 'session',
    entityId: sessionId,
    details: { accompaniment_id: accompanimentId, total_days: b.total, contracted_days: b.contracted, reason },
  });
}

/** What a save re-reads under its lock (the status is one of the table's: a check constraint). */
type EditedRow = Pick<SessionsRow, 'minutes' | 'lock_version'> & { status: SessionStatus };

/**
 * Saves the session form at the version it showed (StaleSession when someone saved or closed it
 * in between: the lock wins). A change of status is a move of the transition table. What the
 * coordinator validated is no longer what the provider now says: a provider's save waits again.
 */
export async function updateSession(
  w: WriteContext,
  s: SessionRef,
  author: SessionAuthor,
  save: SessionSave,
  lockVersion: number,
) {
  const d = save.data;
  const current = await w
    .trx('sessions')
    .where({ id: s.id })
    .forUpdate()
    .first<EditedRow | undefined>('status', 'minutes', 'lock_version');
  if (!current || current.lock_version !== lockVersion || current.status === 'closed') throw new StaleSession();
  const budget = await enforceBudget(w, s.accompaniment_id, s.id, d, author.canExceed);
  const status = statusAfterEdit(current, d);
  const patch: Record<string, unknown> = { ...columnsOf(d), lock_version: lockVersion + 1, updated_at: w.trx.fn.now() };
  if (budget.exceeds) patch.over_budget_reason = d.over_budget_reason;
  if (!author.staff) Object.assign(patch, { validated_at: null, validated_by: null });
  await w.trx('sessions').where({ id: s.id }).update(patch);
  const event = editEvent(current.status, status);
  if (event) await applySessionTransition(w.trx, s.id, event, { actorId: author.id });
  const invited = await syncAttendees(w.trx, s.id, save.members, save.guests);
  await w.audit({
    action: 'session.update',
    entityType: 'session',
    entityId: s.id,
    details: {
      accompaniment_id: s.accompaniment_id,
      status,
      days: d.days_consumed,
      invited_added: invited.added,
      invited_removed: invited.removed,
    },
  });
  if (budget.exceeds) await auditOverBudget(w, s.id, s.accompaniment_id, budget, d.over_budget_reason!);
  return budget;
}

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

export type Presence = (typeof SETTABLE_PRESENCES)[number];
export type PresenceChange = { id: string; name: string; from: string; to: Presence };

/** Nobody can have come to (or missed) a meeting that has not started; an excuse can come first. */
export const presenceRefusal = (to: Presence, s: { starts_at: Date | string }, now = new Date()): MessageKey | null =>
  (to === 'present' || to === 'absent') && !hasStarted(s, now) ? 'sessions.attendance.notStarted' : null;

/**
 * Records presences and a guest at the attendance version the form showed. The form posts every
 * invitee's presence, changed or not: a form opened before a colleague's save would put theirs
 * back, so a stale version writes nothing (false) but the conflict's audit entry.
 */
export async function recordAttendance(
  w: WriteContext,
  s: SessionRef,
  lockVersion: number,
  changes: PresenceChange[],
  guest: { name: string; organisation_name: string | null } | null,
) {
  const n = await w
    .trx('sessions')
    .where({ id: s.id, attendance_lock_version: lockVersion })
    .update({ attendance_lock_version: w.trx.raw('attendance_lock_version + 1') });
  if (n !== 1) {
    await w.audit({
      action: 'session.attendance_conflict',
      entityType: 'session',
      entityId: s.id,
      details: { accompaniment_id: s.accompaniment_id },
    });
    return false;
  }
  for (const c of changes)
    await w.trx('session_attendees').where({ id: c.id, session_id: s.id }).update({ presence: c.to });
  if (guest) await addGuest(w.trx, s.id, guest.name, guest.organisation_name);
  await w.audit({
    action: 'session.attendance',
    entityType: 'session',
    entityId: s.id,
    details: { accompaniment_id: s.accompaniment_id, changes, guest_added: guest },
  });
  return true;
}

/** An action item raised at a session; its owner, if any, is one of the case's structures (UnknownOwner). */
export async function addActionItem(
  w: WriteContext,
  s: SessionRef & { working_group_id: string | null },
  input: ActionItemInput,
) {
  const ownerId = input.owner_organisation_id;
  if (ownerId && !(await ownerChoices(w.trx, s.accompaniment_id)).some((o) => o.id === ownerId))
    throw new UnknownOwner();
  const [row] = await w
    .trx('action_items')
    .insert({
      accompaniment_id: s.accompaniment_id,
      session_id: s.id,
      working_group_id: s.working_group_id,
      ...input,
      status: 'open',
    })
    .returning<{ id: Id }[]>('id');
  const id = row.id;
  await w.audit({
    action: 'action_item.create',
    entityType: 'action_item',
    entityId: id,
    details: { accompaniment_id: s.accompaniment_id, session_id: s.id, what: input.what, due_on: input.due_on },
  });
  return id;
}

/** An action item's new status; done then dropped (or the reverse) keeps the date it was first closed. */
export async function setActionItemStatus(
  w: WriteContext,
  item: { id: string; accompaniment_id: string; status: string },
  status: ActionStatus,
) {
  const closing = !OPEN_ACTION_STATUSES.includes(status);
  const wasClosed = !(OPEN_ACTION_STATUSES as readonly string[]).includes(item.status);
  const patch = closing
    ? wasClosed
      ? { status }
      : { status, closed_at: w.trx.fn.now() }
    : { status, closed_at: null };
  await w.trx('action_items').where({ id: item.id }).update(patch);
  await w.audit({
    action: 'action_item.status',
    entityType: 'action_item',
    entityId: item.id,
    details: { accompaniment_id: item.accompaniment_id, from: item.status, to: status },
  });
}
