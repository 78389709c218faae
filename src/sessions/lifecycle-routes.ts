/** Session routes that change a session's standing: validate, close (locks the record) and reopen. */
import type { Express, Request, Response } from 'express';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, parseForm, formErrorOf } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { sessionPolicy } from './policy';
import { reopenSchema } from './schemas';
import { loadSession, SessionRow } from './scope';

/** Validation by the coordinator, closing and reopening (with a reason) of a session. */
export function registerSessionLifecycleRoutes(app: Express, deps: Deps) {
  const { write } = deps;

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
      formError: formErrorOf(req.t, errors),
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
}
