/** Session routes: a case's list of sessions, the session form (create, edit) and page; registers the other session routes. */
import type { Express } from 'express';
import { postedLockVersion } from '../platform/forms';
import { loadAccompaniment } from '../accompaniments/load';
import { localToday } from '../platform/dates';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import type { FieldErrors } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { registerActionItemRoutes } from './action-routes';
import { registerAttendanceRoutes } from './attendance-routes';
import { defaultInvitees, resolveInvitees, sessionChoices, syncAttendees } from './attendees';
import { daysSummary } from './budget';
import {
  auditOverBudget,
  blankGuests,
  budgetFlash,
  columnsOf,
  editValues,
  enforceBudget,
  FormLocals,
  OverBudget,
  overBudgetErrors,
  postedValues,
  renderForm,
  StaleSession,
  validate,
} from './form';
import { registerSessionLifecycleRoutes } from './lifecycle-routes';
import { sessionPolicy } from './policy';
import { listSessions } from './queries';
import { loadSession, SESSION_TYPES } from './scope';
import { renderLocked, renderSessionPage } from './show';
import { formatTime } from './time';

/** The session form, its creation and edition, the list of a case's sessions, close and reopen. */
export function registerSessions(app: Express, deps: Deps) {
  const { db, write } = deps;

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
      record: sessionPolicy.seeRecord(req.user!),
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
    // Awaited: renderForm reads the budget, and a rejection nobody awaits ends the process.
    await renderForm(deps, req, res, 200, {
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
    const rerender = (errors: FieldErrors, showOverBudget = false) => renderForm(deps, req, res, 422, { acc, ...posted, errors, choices, showOverBudget });
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
  app.get('/sessions/:id/edit', requireLogin, async (req, res) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.log(req.user!, s));
    if (s.status === 'closed') return renderLocked(req, res, s);
    const choices = await sessionChoices(db, s.accompaniment_id);
    const acc = { id: s.accompaniment_id, title: s.accompaniment_title, operator_id: s.operator_id };
    await renderForm(deps, req, res, 200, { acc, session: s, ...(await editValues(deps, req, s, choices)), errors: {}, choices });
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
      renderForm(deps, req, res, status, { acc, session: s, ...posted, errors, choices, ...extra });
    const v = validate(req, choices);
    if (!v.ok) return rerender(422, v.errors);
    const d = v.data;
    const lockVersion = postedLockVersion(req.body?.lock_version);
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

  registerSessionLifecycleRoutes(app, deps);
  registerAttendanceRoutes(app, deps);
  registerActionItemRoutes(app, deps);
}
