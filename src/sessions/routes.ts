/** Session routes: a case's list of sessions, the session form (create, edit) and page; registers the other session routes. */
import type { Express } from 'express';
import { postedForm, postedLockVersion } from '../platform/forms';
import { loadAccompaniment } from '../accompaniments/load';
import { localToday } from '../platform/dates';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import type { FieldErrors } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { registerActionItemRoutes } from './action-routes';
import { registerAttendanceRoutes } from './attendance-routes';
import { defaultInvitees, sessionChoices } from './attendees';
import { createSession, OverBudget, StaleSession, updateSession } from './commands';
import {
  blankGuests,
  budgetFlash,
  editValues,
  fillInvitees,
  FormLocals,
  overBudgetErrors,
  postedValues,
  renderForm,
  sessionAuthor,
  validate,
} from './form';
import { registerSessionLifecycleRoutes } from './lifecycle-routes';
import { sessionPolicy } from './policy';
import { sessionListPage } from './list-page';
import { sessionVersions } from './queries';
import { loadSession, SESSION_TYPES } from './scope';
import { renderLocked, renderSessionPage } from './show';

/** The session form, its creation and edition, the list of a case's sessions, close and reopen. */
export function registerSessions(app: Express, deps: Deps) {
  const { db, write } = deps;

  // ---- list -------------------------------------------------------------------------------
  app.get('/accompaniments/:id/sessions', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const page = await sessionListPage(db, acc, currentUser(req), req.query, req.locale);
    res.render('sessions/index', { title: req.t('sessions.list.title'), ...page });
  });

  // ---- create -----------------------------------------------------------------------------
  app.get('/accompaniments/:id/sessions/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(sessionPolicy.log(currentUser(req), acc));
    const choices = await sessionChoices(db, acc.id);
    const type = SESSION_TYPES.find((t) => t === req.query.type) ?? '';
    const groupId = choices.groups.find((g) => g.id === req.query.working_group_id)?.id ?? '';
    const phaseId = choices.phases.find((p) => p.id === req.query.phase_id)?.id ?? '';
    // Awaited: renderForm reads the budget, and a rejection nobody awaits ends the process.
    await renderForm(deps, req, res, 200, {
      acc,
      values: {
        type,
        working_group_id: groupId,
        phase_id: phaseId,
        date: localToday(),
        days_consumed: '0',
        invitees: defaultInvitees(choices, type, groupId),
      },
      guestRows: blankGuests(),
      errors: {},
      choices,
    });
  });

  app.post('/accompaniments/:id/sessions', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const acc = await loadAccompaniment(deps, req);
    authorize(sessionPolicy.log(user, acc));
    const choices = await sessionChoices(db, acc.id);
    if (await fillInvitees(deps, req, res, { acc, choices })) return;
    const posted = postedValues(req);
    const v = validate(req, choices);
    if (!v.ok) return renderForm(deps, req, res, 422, { acc, ...posted, errors: v.errors, choices });
    const author = sessionAuthor(user, acc);
    try {
      const { id, budget } = await write(req, (w) => createSession(w, acc.id, author, { ...v, choices }));
      flash(req, 'success', req.t(author.staff ? 'sessions.created' : 'sessions.createdToValidate'));
      budgetFlash(req, budget);
      res.redirect(`/sessions/${id}`);
    } catch (e) {
      if (!(e instanceof OverBudget)) throw e;
      return renderForm(deps, req, res, 422, {
        acc,
        ...posted,
        errors: overBudgetErrors(req, e),
        choices,
        showOverBudget: e.reason !== 'forbidden',
      });
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
    authorize(sessionPolicy.log(currentUser(req), s));
    if (s.status === 'closed') return renderLocked(req, res, s);
    const choices = await sessionChoices(db, s.accompaniment_id);
    const acc = { id: s.accompaniment_id, title: s.accompaniment_title, operator_id: s.operator_id };
    await renderForm(deps, req, res, 200, {
      acc,
      session: s,
      ...(await editValues(deps, req, s, choices)),
      errors: {},
      choices,
    });
  });

  app.post('/sessions/:id', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.log(user, s));
    if (s.status === 'closed') return renderLocked(req, res, s);
    const acc = { id: s.accompaniment_id, title: s.accompaniment_title, operator_id: s.operator_id };
    const choices = await sessionChoices(db, acc.id);
    if (await fillInvitees(deps, req, res, { acc, session: s, choices })) return;
    const posted = postedValues(req);
    const rerender = (status: number, errors: FieldErrors, extra: Partial<FormLocals> = {}) =>
      renderForm(deps, req, res, status, { acc, session: s, ...posted, errors, choices, ...extra });
    const v = validate(req, choices);
    if (!v.ok) return rerender(422, v.errors);
    try {
      const lockVersion = postedLockVersion(postedForm(req).lock_version);
      const budget = await write(req, (w) => updateSession(w, s, sessionAuthor(user, acc), v, lockVersion));
      flash(req, 'success', req.t('sessions.updated'));
      budgetFlash(req, budget);
      res.redirect(`/sessions/${s.id}`);
    } catch (e) {
      if (e instanceof OverBudget)
        return rerender(422, overBudgetErrors(req, e), { showOverBudget: e.reason !== 'forbidden' });
      if (!(e instanceof StaleSession)) throw e;
      // Someone saved or closed it in between: keep this user's input, say so; saving again is a deliberate choice.
      const current = await sessionVersions(db, s.id);
      if (current?.status === 'closed') return renderLocked(req, res, s);
      const values = { ...posted.values, lock_version: current?.lock_version };
      return rerender(409, {}, { formError: req.t('sessions.conflict'), values });
    }
  });

  registerSessionLifecycleRoutes(app, deps);
  registerAttendanceRoutes(app, deps);
  registerActionItemRoutes(app, deps);
}
