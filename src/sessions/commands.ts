/**
 * The sessions' workflows, callable from a route, a job or the CLI: each takes the write context
 * (transaction + audit) and plain data, never a request. Here, logging and editing a session with
 * its invitees and the budget rule; validating, closing and reopening are lifecycle-commands.ts's
 * (status moves through lifecycle.ts), attendance attendance-commands.ts's, action items
 * action-commands.ts's.
 */
import type { WriteContext } from '../platform/write';
import { Choices, defaultInvitees, Participant, resolveInvitees, syncAttendees } from './attendees';
import { BudgetCheck, checkBudget } from './budget';
import {
  applySessionTransition,
  editEvent,
  initialStatus,
  logSessionCreated,
  type SessionStatus,
  statusAfterEdit,
} from './lifecycle';
import { GuestInput, SessionInput } from './schemas';
import { parisToInstant } from './time';
import type { Id } from '../platform/id';
import type { SessionsRow } from '../platform/db-tables';

/** Who saves a session, as the policy judged them: the operator's staff need no validation, and alone may go over the contracted days. */
export type SessionAuthor = { id: string; staff: boolean; canExceed: boolean };

/** A session form's data once parsed: its fields, the members ticked and the guest rows. */
export type SessionSave = { data: SessionInput; members: Participant[]; guests: GuestInput[] };

/** The session a command acts on: its id and its case's. */
export type SessionRef = { id: string; accompaniment_id: string };

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
