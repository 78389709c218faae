import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/routes';
import type { Accompaniment } from '../accompaniments/queries';
import { localToday } from '../phases/today';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, parseForm } from '../platform/forms';
import { formatNumber, type Locale } from '../platform/i18n';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { registerActionItemRoutes } from './action-routes';
import { BudgetCheck, checkBudget, daysSummary } from './budget';
import { registerAttendanceRoutes } from './attendance-routes';
import { sessionPolicy } from './policy';
import {
  Choices,
  defaultInvitees,
  inviteeValuesOf,
  listAttendees,
  listSessions,
  participantKey,
  resolveInvitees,
  sessionChoices,
  syncAttendees,
} from './queries';
import { BLANK_GUEST_ROWS, EDITABLE_STATUSES, GuestRow, guestRowsOfBody, parseGuests, reopenSchema, SessionInput, sessionSchema } from './schemas';
import { loadSession, SESSION_TYPES, SessionRow } from './scope';
import { renderLocked, renderSessionPage } from './show';
import { formatTime, parisParts, parisToInstant } from './time';

type FormAcc = Pick<Accompaniment, 'id' | 'title' | 'operator_id'>;

/** Why a save that adds days was refused by the budget rule (the transaction is rolled back). */
class OverBudget extends Error {
  constructor(
    readonly budget: BudgetCheck,
    readonly reason: 'forbidden' | 'confirm' | 'reason',
  ) {
    super('over budget');
  }
}
/** The session changed since the form was opened (optimistic locking). */
class StaleSession extends Error {}

/** Days as typed in the reader's language: « 0,25 » in French. */
export const daysInput = (locale: Locale, days: string | number) => (locale === 'fr' ? String(Number(days)).replace('.', ',') : String(Number(days)));

const blankGuests = (n = BLANK_GUEST_ROWS): GuestRow[] => Array.from({ length: n }, () => ({ id: '', name: '', org: '' }));

/** The session form, its creation and edition, the list of a case's sessions, close and reopen. */
export function registerSessions(app: Express, deps: Deps) {
  const { db, write } = deps;

  type FormLocals = {
    acc: FormAcc;
    session?: SessionRow;
    values: Record<string, unknown>;
    guestRows: GuestRow[];
    errors: FieldErrors;
    choices: Choices;
    showOverBudget?: boolean;
    formError?: string | null;
  };
  const renderForm = async (req: Request, res: Response, status: number, l: FormLocals) =>
    res.status(status).render('sessions/form', {
      budget: await daysSummary(db, l.acc.id),
      title: req.t(l.session ? 'sessions.edit.title' : 'sessions.new.title'),
      types: SESSION_TYPES,
      statuses: EDITABLE_STATUSES,
      canExceed: sessionPolicy.exceedBudget(req.user!, l.acc),
      formError: l.formError ?? (Object.keys(l.errors).length ? req.t('form.hasErrors') : null),
      ...l,
      showOverBudget: Boolean(l.showOverBudget || l.values.confirm_over_budget === '1' || l.values.over_budget_reason),
      guestRows: l.guestRows.length ? l.guestRows : blankGuests(),
    });

  /** Values of the form as posted: the invitees as a list, the guest rows plus one blank row. */
  const postedValues = (req: Request) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const invitees = ([] as unknown[]).concat(body.invitees ?? []).filter((v): v is string => typeof v === 'string');
    return { values: { ...body, invitees }, guestRows: [...guestRowsOfBody(body), ...blankGuests(1)] };
  };

  /** Validates the form against the case (its phases, groups and people); errors are per field. */
  const validate = (req: Request, choices: Choices) => {
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

  const overBudgetErrors = (req: Request, e: OverBudget): FieldErrors => {
    const params = { total: formatNumber(req.locale, e.budget.total), contracted: formatNumber(req.locale, e.budget.contracted ?? 0) };
    if (e.reason === 'forbidden') return { days_consumed: req.t('sessions.budget.refused', params) };
    if (e.reason === 'confirm') return { days_consumed: req.t('sessions.budget.needsConfirmation', params) };
    return { over_budget_reason: req.t('sessions.budget.reasonRequired') };
  };

  /** The budget rule; a refusal throws, so nothing of the save is kept. */
  const enforceBudget = async (req: Request, trx: Parameters<typeof checkBudget>[0], acc: FormAcc, sessionId: string | null, d: SessionInput) => {
    const budget = await checkBudget(trx, acc.id, sessionId, d.days_consumed);
    if (budget.exceeds) {
      if (!sessionPolicy.exceedBudget(req.user!, acc)) throw new OverBudget(budget, 'forbidden');
      if (!d.confirm_over_budget) throw new OverBudget(budget, 'confirm');
      if (!d.over_budget_reason) throw new OverBudget(budget, 'reason');
    }
    return budget;
  };

  const budgetFlash = (req: Request, b: BudgetCheck) => {
    if (!b.warning || b.contracted == null) return;
    const params = { consumed: formatNumber(req.locale, b.total), contracted: formatNumber(req.locale, b.contracted) };
    flash(req, 'info', req.t(b.total > b.contracted ? 'sessions.budget.over' : 'sessions.budget.warning', params));
  };

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

  // ---- list -------------------------------------------------------------------------------
  app.get('/accompaniments/:id/sessions', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const choices = await sessionChoices(db, acc.id);
    const filters = {
      type: SESSION_TYPES.find((t) => t === req.query.type),
      phase_id: choices.phases.find((p) => p.id === req.query.phase_id)?.id,
      working_group_id: choices.groups.find((g) => g.id === req.query.working_group_id)?.id,
    };
    const [sessions, budget] = await Promise.all([listSessions(db, acc.id, filters), daysSummary(db, acc.id)]);
    const total = sessions.reduce((sum, s) => sum + Math.round(Number(s.days_consumed) * 4), 0) / 4;
    res.render('sessions/index', {
      title: req.t('sessions.list.title'),
      acc,
      sessions,
      total,
      budget,
      filters: { type: filters.type ?? '', phase_id: filters.phase_id ?? '', working_group_id: filters.working_group_id ?? '' },
      filtered: Boolean(filters.type || filters.phase_id || filters.working_group_id),
      choices,
      types: SESSION_TYPES,
      canLog: sessionPolicy.log(req.user!, acc),
      fmtTime: (d: Date | null) => formatTime(req.locale, d),
    });
  });

  // ---- create -----------------------------------------------------------------------------
  app.get('/accompaniments/:id/sessions/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(sessionPolicy.log(req.user!, acc));
    const choices = await sessionChoices(db, acc.id);
    const type = SESSION_TYPES.find((t) => t === req.query.type) ?? '';
    const groupId = choices.groups.find((g) => g.id === req.query.working_group_id)?.id ?? '';
    const phaseId = choices.phases.find((p) => p.id === req.query.phase_id)?.id ?? '';
    renderForm(req, res, 200, {
      acc,
      values: { type, working_group_id: groupId, phase_id: phaseId, date: localToday(), days_consumed: '0', invitees: defaultInvitees(choices, type, groupId) },
      guestRows: blankGuests(),
      errors: {},
      choices,
    });
  });

  app.post('/accompaniments/:id/sessions', requireLogin, async (req, res) => {
    const user = req.user!;
    const acc = await loadAccompaniment(deps, req);
    authorize(sessionPolicy.log(user, acc));
    const choices = await sessionChoices(db, acc.id);
    const posted = postedValues(req);
    const rerender = (errors: FieldErrors, showOverBudget = false) => renderForm(req, res, 422, { acc, ...posted, errors, choices, showOverBudget });
    const v = validate(req, choices);
    if (!v.ok) return rerender(v.errors);
    const d = v.data;
    // No member ticked: a committee session invites the committee, a group session its group (guests come on top).
    let members = v.members;
    if (!members.length) members = resolveInvitees(choices, defaultInvitees(choices, d.type, d.working_group_id)).found;
    const staff = sessionPolicy.validate(user, acc);
    try {
      const { id, budget } = await write(req, async (w) => {
        const budget = await enforceBudget(req, w.trx, acc, null, d);
        const [row] = await w
          .trx('sessions')
          .insert({
            ...columnsOf(d),
            accompaniment_id: acc.id,
            status: d.minutes ? 'held' : 'planned',
            over_budget_reason: budget.exceeds ? d.over_budget_reason : null,
            logged_by: user.id,
            // Sessions logged by the operator's staff need no validation; the provider's wait for it.
            validated_at: staff ? w.trx.fn.now() : null,
            validated_by: staff ? user.id : null,
          })
          .returning('id');
        const id = String(row.id);
        const invited = await syncAttendees(w.trx, id, members, v.guests);
        await w.audit({ action: 'session.create', entityType: 'session', entityId: id, details: { accompaniment_id: acc.id, type: d.type, title: d.title, date: d.date, days: d.days_consumed, invited: invited.added } });
        if (budget.exceeds) await auditOverBudget(w.audit, id, acc.id, budget, d.over_budget_reason!);
        return { id, budget };
      });
      flash(req, 'success', req.t(staff ? 'sessions.created' : 'sessions.createdToValidate'));
      budgetFlash(req, budget);
      res.redirect(`/sessions/${id}`);
    } catch (e) {
      if (e instanceof OverBudget) return rerender(overBudgetErrors(req, e), e.reason !== 'forbidden');
      throw e;
    }
  });

  // ---- show -------------------------------------------------------------------------------
  app.get('/sessions/:id', requireLogin, async (req, res) => {
    const s = await loadSession(deps, req);
    await renderSessionPage(deps, req, res, 200, s);
  });

  // ---- edit -------------------------------------------------------------------------------
  const editValues = async (req: Request, s: SessionRow, choices: Choices) => {
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

  app.get('/sessions/:id/edit', requireLogin, async (req, res) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.log(req.user!, s));
    if (s.status === 'closed') return renderLocked(req, res, s);
    const choices = await sessionChoices(db, s.accompaniment_id);
    const acc = { id: s.accompaniment_id, title: s.accompaniment_title, operator_id: s.operator_id };
    renderForm(req, res, 200, { acc, session: s, ...(await editValues(req, s, choices)), errors: {}, choices });
  });

  app.post('/sessions/:id', requireLogin, async (req, res) => {
    const user = req.user!;
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.log(user, s));
    if (s.status === 'closed') return renderLocked(req, res, s);
    const acc = { id: s.accompaniment_id, title: s.accompaniment_title, operator_id: s.operator_id };
    const choices = await sessionChoices(db, acc.id);
    const posted = postedValues(req);
    const rerender = (status: number, errors: FieldErrors, extra: Partial<FormLocals> = {}) =>
      renderForm(req, res, status, { acc, session: s, ...posted, errors, choices, ...extra });
    const v = validate(req, choices);
    if (!v.ok) return rerender(422, v.errors);
    const d = v.data;
    const lockVersion = Number(req.body.lock_version);
    const staff = sessionPolicy.validate(user, acc);
    try {
      const budget = await write(req, async (w) => {
        const current = await w.trx('sessions').where({ id: s.id }).forUpdate().first('status', 'minutes', 'lock_version');
        if (!current || current.lock_version !== lockVersion) throw new StaleSession();
        // Closed meanwhile: the lock wins over this save.
        if (current.status === 'closed') throw new StaleSession();
        const budget = await enforceBudget(req, w.trx, acc, s.id, d);
        // Minutes saved for the first time mean the meeting took place.
        const status = !current.minutes && d.minutes ? 'held' : (d.status ?? current.status);
        const patch: Record<string, unknown> = { ...columnsOf(d), status, lock_version: lockVersion + 1, updated_at: w.trx.fn.now() };
        if (budget.exceeds) patch.over_budget_reason = d.over_budget_reason;
        // What the coordinator validated is no longer what the provider now says: it waits again.
        if (!staff) Object.assign(patch, { validated_at: null, validated_by: null });
        await w.trx('sessions').where({ id: s.id }).update(patch);
        const invited = await syncAttendees(w.trx, s.id, v.members, v.guests);
        await w.audit({ action: 'session.update', entityType: 'session', entityId: s.id, details: { accompaniment_id: acc.id, status, days: d.days_consumed, invited_added: invited.added, invited_removed: invited.removed } });
        if (budget.exceeds) await auditOverBudget(w.audit, s.id, acc.id, budget, d.over_budget_reason!);
        return budget;
      });
      flash(req, 'success', req.t('sessions.updated'));
      budgetFlash(req, budget);
      res.redirect(`/sessions/${s.id}`);
    } catch (e) {
      if (e instanceof OverBudget) return rerender(422, overBudgetErrors(req, e), { showOverBudget: e.reason !== 'forbidden' });
      if (e instanceof StaleSession) {
        // Someone saved in between: keep this user's input, say so; saving again is a deliberate choice.
        const current = await db('sessions').where({ id: s.id }).first('lock_version', 'status');
        if (current?.status === 'closed') return renderLocked(req, res, s);
        return rerender(409, {}, { formError: req.t('sessions.conflict'), values: { ...posted.values, lock_version: current?.lock_version } });
      }
      throw e;
    }
  });

  // ---- validate, close, reopen --------------------------------------------------------------
  app.post('/sessions/:id/validate', requireLogin, async (req, res) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.validate(req.user!, s));
    if (s.validated_at) {
      flash(req, 'info', req.t('sessions.validate.already'));
      return res.redirect(`/sessions/${s.id}`);
    }
    await write(req, async (w) => {
      await w.trx('sessions').where({ id: s.id }).update({ validated_at: w.trx.fn.now(), validated_by: req.user!.id, lock_version: w.trx.raw('lock_version + 1'), updated_at: w.trx.fn.now() });
      await w.audit({ action: 'session.validate', entityType: 'session', entityId: s.id, details: { accompaniment_id: s.accompaniment_id } });
    });
    flash(req, 'success', req.t('sessions.validate.done'));
    res.redirect(`/sessions/${s.id}`);
  });

  /**
   * Closing locks the minutes and decisions. It is the coordinator's acceptance of the record, so a
   * provider-logged session not validated yet is validated by closing it (the audit entry says so).
   * A session that has not started yet cannot be closed.
   */
  app.post('/sessions/:id/close', requireLogin, async (req, res) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.close(req.user!, s));
    if (s.status === 'closed') {
      flash(req, 'info', req.t('sessions.close.already'));
      return res.redirect(`/sessions/${s.id}`);
    }
    if (new Date(s.starts_at).getTime() > Date.now()) {
      flash(req, 'error', req.t('sessions.close.notStarted'));
      return res.redirect(`/sessions/${s.id}`);
    }
    const validatedNow = !s.validated_at;
    await write(req, async (w) => {
      const patch: Record<string, unknown> = { status: 'closed', lock_version: w.trx.raw('lock_version + 1'), updated_at: w.trx.fn.now() };
      if (validatedNow) Object.assign(patch, { validated_at: w.trx.fn.now(), validated_by: req.user!.id });
      await w.trx('sessions').where({ id: s.id }).update(patch);
      await w.audit({ action: 'session.close', entityType: 'session', entityId: s.id, details: { accompaniment_id: s.accompaniment_id, validated_on_close: validatedNow } });
    });
    flash(req, 'success', req.t('sessions.close.done'));
    res.redirect(`/sessions/${s.id}`);
  });

  const renderReopen = (req: Request, res: Response, status: number, s: SessionRow, values: Record<string, unknown>, errors: FieldErrors) =>
    res.status(status).render('sessions/reopen', {
      title: req.t('sessions.reopen.title'),
      session: s,
      values,
      errors,
      formError: Object.keys(errors).length ? req.t('form.hasErrors') : null,
    });

  app.get('/sessions/:id/reopen', requireLogin, async (req, res) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.reopen(req.user!, s));
    if (s.status !== 'closed') {
      flash(req, 'info', req.t('sessions.reopen.notClosed'));
      return res.redirect(`/sessions/${s.id}`);
    }
    renderReopen(req, res, 200, s, { reason: '' }, {});
  });

  app.post('/sessions/:id/reopen', requireLogin, async (req, res) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.reopen(req.user!, s));
    if (s.status !== 'closed') {
      flash(req, 'info', req.t('sessions.reopen.notClosed'));
      return res.redirect(`/sessions/${s.id}`);
    }
    const form = parseForm(reopenSchema, req.body, req.t);
    if (!form.ok) return renderReopen(req, res, 422, s, req.body ?? {}, form.errors);
    await write(req, async (w) => {
      await w.trx('sessions').where({ id: s.id }).update({ status: 'held', lock_version: w.trx.raw('lock_version + 1'), updated_at: w.trx.fn.now() });
      await w.audit({ action: 'session.reopen', entityType: 'session', entityId: s.id, details: { accompaniment_id: s.accompaniment_id, reason: form.data.reason } });
    });
    flash(req, 'success', req.t('sessions.reopen.done'));
    res.redirect(`/sessions/${s.id}`);
  });

  registerAttendanceRoutes(app, deps);
  registerActionItemRoutes(app, deps);
}

async function auditOverBudget(
  audit: (e: { action: string; entityType: string; entityId: string; details: Record<string, unknown> }) => Promise<void>,
  sessionId: string,
  accompanimentId: string,
  b: BudgetCheck,
  reason: string,
) {
  await audit({ action: 'session.over_budget', entityType: 'session', entityId: sessionId, details: { accompaniment_id: accompanimentId, total_days: b.total, contracted_days: b.contracted, reason } });
}

