/** Session routes that change a session's standing: validate, close (locks the record) and reopen. */
import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, formErrorOf, parseForm, postedForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { closeSession, reopenSession, validateSession } from './lifecycle-commands';
import { SessionTransitionRefused } from './lifecycle';
import { sessionPolicy } from './policy';
import { reopenSchema } from './schemas';
import { loadSession, SessionRow } from './scope';

/** Validation by the coordinator, closing and reopening (with a reason) of a session (commands.ts, lifecycle.ts). */
export function registerSessionLifecycleRoutes(app: Express, deps: Deps) {
  const { write } = deps;

  app.post('/sessions/:id/validate', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.validate(user, s));
    if (s.validated_at) {
      flash(req, 'info', req.t('sessions.validate.already'));
      return res.redirect(`/sessions/${s.id}`);
    }
    await write(req, (w) => validateSession(w, s, user.id));
    flash(req, 'success', req.t('sessions.validate.done'));
    res.redirect(`/sessions/${s.id}`);
  });

  app.post('/sessions/:id/close', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.close(user, s));
    try {
      await write(req, (w) => closeSession(w, s, user.id));
    } catch (e) {
      if (!(e instanceof SessionTransitionRefused)) throw e;
      // Already closed is news, not a mistake; a session not started yet cannot be closed.
      flash(req, e.reasonKey === 'sessions.close.already' ? 'info' : 'error', req.t(e.reasonKey));
      return res.redirect(`/sessions/${s.id}`);
    }
    flash(req, 'success', req.t('sessions.close.done'));
    res.redirect(`/sessions/${s.id}`);
  });

  const renderReopen = (
    req: Request,
    res: Response,
    status: number,
    s: SessionRow,
    values: Record<string, unknown>,
    errors: FieldErrors,
  ) =>
    res.status(status).render('sessions/reopen', {
      title: req.t('sessions.reopen.title'),
      session: s,
      values,
      errors,
      formError: formErrorOf(req.t, errors),
    });

  /** The session to reopen, or a redirect with « pas clôturée » when it is not closed. */
  const loadClosed = async (req: Request, res: Response) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.reopen(currentUser(req), s));
    if (s.status === 'closed') return s;
    flash(req, 'info', req.t('sessions.reopen.notClosed'));
    res.redirect(`/sessions/${s.id}`);
    return null;
  };

  app.get('/sessions/:id/reopen', requireLogin, async (req, res) => {
    const s = await loadClosed(req, res);
    if (s) renderReopen(req, res, 200, s, { reason: '' }, {});
  });

  app.post('/sessions/:id/reopen', requireLogin, async (req, res) => {
    const s = await loadClosed(req, res);
    if (!s) return;
    const form = parseForm(reopenSchema, req.body, req.t);
    if (!form.ok) return renderReopen(req, res, 422, s, postedForm(req), form.errors);
    try {
      await write(req, (w) => reopenSession(w, s, currentUser(req).id, form.data.reason));
    } catch (e) {
      if (!(e instanceof SessionTransitionRefused)) throw e;
      flash(req, 'info', req.t(e.reasonKey));
      return res.redirect(`/sessions/${s.id}`);
    }
    flash(req, 'success', req.t('sessions.reopen.done'));
    res.redirect(`/sessions/${s.id}`);
  });
}
