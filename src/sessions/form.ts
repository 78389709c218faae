/** The session form: its rendering, posted values and validation, and how the budget rule's answers are said (the rule itself: commands.ts). */
import type { Request, Response } from 'express';
import type { Accompaniment } from '../accompaniments/queries';
import type { SessionUser } from '../platform/auth/session-user';
import type { Deps } from '../platform/deps';
import { currentUser } from '../platform/auth/guards';
import { FieldErrors, formErrorOf, parseForm, postedForm } from '../platform/forms';
import { formatNumber, type Locale } from '../platform/i18n';
import { flash } from '../platform/views';
import { bodyInvitees, Choices, inviteeValuesOf, listAttendees, participantKey, resolveInvitees } from './attendees';
import type { BudgetCheck } from './budget';
import type { OverBudget, SessionAuthor } from './commands';
import { daysSummary } from './days-consumed';
import { sessionPolicy } from './policy';
import { BLANK_GUEST_ROWS, EDITABLE_STATUSES, GuestRow, guestRowsOfBody, parseGuests, sessionSchema } from './schemas';
import { SESSION_TYPES, SessionRow } from './scope';
import { parisParts } from './time';

export type FormAcc = Pick<Accompaniment, 'id' | 'title' | 'operator_id'>;

/** Days as typed in the reader's language: « 0,25 » in French. */
export const daysInput = (locale: Locale, days: string | number) =>
  locale === 'fr' ? String(Number(days)).replace('.', ',') : String(Number(days));

export const blankGuests = (n = BLANK_GUEST_ROWS): GuestRow[] =>
  Array.from({ length: n }, () => ({ id: '', name: '', org: '' }));

export type FormLocals = {
  acc: FormAcc;
  session?: SessionRow;
  values: Record<string, unknown>;
  guestRows: GuestRow[];
  errors: FieldErrors;
  choices: Choices;
  showOverBudget?: boolean;
  formError?: string | null;
  /** How many members « Cocher ces personnes » just ticked (said above the form). */
  filled?: number;
};

export const renderForm = async ({ db }: Deps, req: Request, res: Response, status: number, l: FormLocals) =>
  res.status(status).render('sessions/form', {
    budget: await daysSummary(db, l.acc.id),
    title: req.t(l.session ? 'sessions.edit.title' : 'sessions.new.title'),
    types: SESSION_TYPES,
    statuses: EDITABLE_STATUSES,
    canExceed: sessionPolicy.exceedBudget(currentUser(req), l.acc),
    formError: formErrorOf(req.t, l.errors, l.formError),
    ...l,
    showOverBudget: Boolean(l.showOverBudget || l.values.confirm_over_budget === '1' || l.values.over_budget_reason),
    guestRows: l.guestRows.length ? l.guestRows : blankGuests(),
  });

/** Values of the form as posted: the invitees as a list, the guest rows plus one blank row. */
export const postedValues = (req: Request) => {
  const body = postedForm(req);
  const invitees = ([] as unknown[]).concat(body.invitees ?? []).filter((v): v is string => typeof v === 'string');
  return { values: { ...body, invitees }, guestRows: [...guestRowsOfBody(body), ...blankGuests(1)] };
};

/** Validates the form against the case (its phases, groups and people); errors are per field. */
export const validate = (req: Request, choices: Choices) => {
  const form = parseForm(sessionSchema, req.body, req.t);
  const rows = guestRowsOfBody(postedForm(req));
  const guests = parseGuests(rows, req.t);
  const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...guests.errors };
  if (!form.ok) return { ok: false as const, errors };
  const d = form.data;
  if (d.phase_id && !choices.phases.some((p) => p.id === d.phase_id)) errors.phase_id = req.t('validation.choice');
  if (d.working_group_id && !choices.groups.some((g) => g.id === d.working_group_id))
    errors.working_group_id = req.t('validation.choice');
  // The whole committee or group chosen with the one switch joins those ticked.
  const body = bodyInvitees(choices, d.invite_body);
  if (!body) errors.invite_body = req.t('sessions.validation.inviteBody');
  const invitees = resolveInvitees(choices, [...new Set([...d.invitees, ...(body ?? [])])]);
  if (invitees.unknown.length) errors.invitees = req.t('sessions.validation.invitees');
  if (Object.keys(errors).length) return { ok: false as const, errors };
  return { ok: true as const, data: d, members: invitees.found, guests: guests.guests };
};

/**
 * « Cocher ces personnes »: the form shown again, nothing saved, with the members of the committee or
 * group chosen ticked beside those already ticked, so that the user unticks who will not come before
 * saving. False when the button was not the one pressed.
 */
export const fillInvitees = async (
  deps: Deps,
  req: Request,
  res: Response,
  l: Omit<FormLocals, 'values' | 'guestRows' | 'errors'>,
) => {
  if (postedForm(req).fill_invitees !== '1') return false;
  const posted = postedValues(req);
  const asked = postedForm(req).invite_body;
  const body = bodyInvitees(l.choices, typeof asked === 'string' ? asked.trim() : null);
  const invitees = [...new Set([...posted.values.invitees, ...(body ?? [])])];
  const values = { ...posted.values, invitees, invite_body: body ? '' : asked };
  const errors: FieldErrors = body ? {} : { invite_body: req.t('sessions.validation.inviteBody') };
  await renderForm(deps, req, res, body ? 200 : 422, { ...l, ...posted, values, errors, filled: body?.length ?? 0 });
  return true;
};

export const overBudgetErrors = (req: Request, e: OverBudget): FieldErrors => {
  const params = {
    total: formatNumber(req.locale, e.budget.total),
    contracted: formatNumber(req.locale, e.budget.contracted ?? 0),
  };
  if (e.reason === 'forbidden') return { days_consumed: req.t('sessions.budget.refused', params) };
  if (e.reason === 'confirm') return { days_consumed: req.t('sessions.budget.needsConfirmation', params) };
  return { over_budget_reason: req.t('sessions.budget.reasonRequired') };
};

/** Who saves a session, as the policy judges them (commands.ts SessionAuthor). */
export const sessionAuthor = (user: SessionUser, acc: FormAcc): SessionAuthor => ({
  id: user.id,
  staff: sessionPolicy.validate(user, acc),
  canExceed: sessionPolicy.exceedBudget(user, acc),
});

export const budgetFlash = (req: Request, b: BudgetCheck) => {
  if (!b.warning || b.contracted == null) return;
  const params = { consumed: formatNumber(req.locale, b.total), contracted: formatNumber(req.locale, b.contracted) };
  flash(req, 'info', req.t(b.total > b.contracted ? 'sessions.budget.over' : 'sessions.budget.warning', params));
};

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
      ...attendees
        .filter((a) => !memberKeys.has(participantKey(a)))
        .map((a) => ({ id: a.id, name: a.name, org: a.organisation_name ?? '' })),
      ...blankGuests(),
    ],
  };
};
