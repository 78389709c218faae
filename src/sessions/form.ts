/** The session form: its rendering, posted values, validation, the budget rule and the columns it saves. */
import type { Request, Response } from 'express';
import type { Accompaniment } from '../accompaniments/queries';
import type { Deps } from '../platform/deps';
import { FieldErrors, parseForm, formErrorOf } from '../platform/forms';
import { formatNumber, type Locale } from '../platform/i18n';
import { flash } from '../platform/views';
import { Choices, inviteeValuesOf, listAttendees, participantKey, resolveInvitees } from './attendees';
import { BudgetCheck, checkBudget, daysSummary } from './budget';
import { sessionPolicy } from './policy';
import { BLANK_GUEST_ROWS, EDITABLE_STATUSES, GuestRow, guestRowsOfBody, parseGuests, SessionInput, sessionSchema } from './schemas';
import { SESSION_TYPES, SessionRow } from './scope';
import { parisParts, parisToInstant } from './time';

export type FormAcc = Pick<Accompaniment, 'id' | 'title' | 'operator_id'>;

/** Why a save that adds days was refused by the budget rule (the transaction is rolled back). */
export class OverBudget extends Error {
  constructor(
    readonly budget: BudgetCheck,
    readonly reason: 'forbidden' | 'confirm' | 'reason',
  ) {
    super('over budget');
  }
}
/** The session changed since the form was opened (optimistic locking). */
export class StaleSession extends Error {}

/** Days as typed in the reader's language: « 0,25 » in French. */
export const daysInput = (locale: Locale, days: string | number) => (locale === 'fr' ? String(Number(days)).replace('.', ',') : String(Number(days)));

export const blankGuests = (n = BLANK_GUEST_ROWS): GuestRow[] => Array.from({ length: n }, () => ({ id: '', name: '', org: '' }));

export type FormLocals = {
  acc: FormAcc;
  session?: SessionRow;
  values: Record<string, unknown>;
  guestRows: GuestRow[];
  errors: FieldErrors;
  choices: Choices;
  showOverBudget?: boolean;
  formError?: string | null;
};

export const renderForm = async ({ db }: Deps, req: Request, res: Response, status: number, l: FormLocals) =>
  res.status(status).render('sessions/form', {
    budget: await daysSummary(db, l.acc.id),
    title: req.t(l.session ? 'sessions.edit.title' : 'sessions.new.title'),
    types: SESSION_TYPES,
    statuses: EDITABLE_STATUSES,
    canExceed: sessionPolicy.exceedBudget(req.user!, l.acc),
    formError: formErrorOf(req.t, l.errors, l.formError),
    ...l,
    showOverBudget: Boolean(l.showOverBudget || l.values.confirm_over_budget === '1' || l.values.over_budget_reason),
    guestRows: l.guestRows.length ? l.guestRows : blankGuests(),
  });

/** Values of the form as posted: the invitees as a list, the guest rows plus one blank row. */
export const postedValues = (req: Request) => {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const invitees = ([] as unknown[]).concat(body.invitees ?? []).filter((v): v is string => typeof v === 'string');
  return { values: { ...body, invitees }, guestRows: [...guestRowsOfBody(body), ...blankGuests(1)] };
};

/** Validates the form against the case (its phases, groups and people); errors are per field. */
export const validate = (req: Request, choices: Choices) => {
  const form = parseForm(sessionSchema, req.body, req.t);
  const rows = guestRowsOfBody(req.body ?? {});
  const guests = parseGuests(rows, req.t);
  const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...guests.errors };
  if (!form.ok) return { ok: false as const, errors };
  const d = form.data;
  if (d.phase_id && !choices.phases.some((p) => p.id === d.phase_id)) errors.phase_id = req.t('validation.choice');
  if (d.working_group_id && !choices.groups.some((g) => g.id === d.working_group_id)) errors.working_group_id = req.t('validation.choice');
  const invitees = resolveInvitees(choices, d.invitees);
  if (invitees.unknown.length) errors.invitees = req.t('sessions.validation.invitees');
  if (Object.keys(errors).length) return { ok: false as const, errors };
  return { ok: true as const, data: d, members: invitees.found, guests: guests.guests };
};

export const overBudgetErrors = (req: Request, e: OverBudget): FieldErrors => {
  const params = { total: formatNumber(req.locale, e.budget.total), contracted: formatNumber(req.locale, e.budget.contracted ?? 0) };
  if (e.reason === 'forbidden') return { days_consumed: req.t('sessions.budget.refused', params) };
  if (e.reason === 'confirm') return { days_consumed: req.t('sessions.budget.needsConfirmation', params) };
  return { over_budget_reason: req.t('sessions.budget.reasonRequired') };
};

/** The budget rule; a refusal throws, so nothing of the save is kept. */
export const enforceBudget = async (req: Request, trx: Parameters<typeof checkBudget>[0], acc: FormAcc, sessionId: string | null, d: SessionInput) => {
  const budget = await checkBudget(trx, acc.id, sessionId, d.days_consumed);
  if (budget.exceeds) {
    if (!sessionPolicy.exceedBudget(req.user!, acc)) throw new OverBudget(budget, 'forbidden');
    if (!d.confirm_over_budget) throw new OverBudget(budget, 'confirm');
    if (!d.over_budget_reason) throw new OverBudget(budget, 'reason');
  }
  return budget;
};

export const budgetFlash = (req: Request, b: BudgetCheck) => {
  if (!b.warning || b.contracted == null) return;
  const params = { consumed: formatNumber(req.locale, b.total), contracted: formatNumber(req.locale, b.contracted) };
  flash(req, 'info', req.t(b.total > b.contracted ? 'sessions.budget.over' : 'sessions.budget.warning', params));
};

export const columnsOf = (d: SessionInput) => ({
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

/** The form's values for an existing session: its fields, its member invitees ticked, its other attendees as guest rows. */
export const editValues = async ({ db }: Deps, req: Request, s: SessionRow, choices: Choices) => {
  const attendees = await listAttendees(db, s.id);
  const memberKeys = new Set([...choices.committee, ...choices.groupMembers].map(participantKey));
  const start = parisParts(s.starts_at);
  return {
    values: {
      ...s,
      date: start.date,
      start_time: start.time,
      end_time: s.ends_at ? parisParts(s.ends_at).time : '',
      days_consumed: daysInput(req.locale, s.days_consumed),
      invitees: inviteeValuesOf(choices, attendees),
    },
    guestRows: [
      ...attendees.filter((a) => !memberKeys.has(participantKey(a))).map((a) => ({ id: a.id, name: a.name, org: a.organisation_name ?? '' })),
      ...blankGuests(),
    ],
  };
};

export async function auditOverBudget(
  audit: (e: { action: string; entityType: string; entityId: string; details: Record<string, unknown> }) => Promise<void>,
  sessionId: string,
  accompanimentId: string,
  b: BudgetCheck,
  reason: string,
) {
  await audit({ action: 'session.over_budget', entityType: 'session', entityId: sessionId, details: { accompaniment_id: accompanimentId, total_days: b.total, contracted_days: b.contracted, reason } });
}
