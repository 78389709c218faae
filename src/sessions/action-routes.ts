import type { Express } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { parseForm, postedForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash, safeNext } from '../platform/views';
import { addActionItem, setActionItemStatus, UnknownOwner } from './action-commands';
import { sessionPolicy } from './policy';
import { ACTION_STATUSES, actionItemSchema, actionStatusSchema } from './schemas';
import { loadActionItem, loadSession } from './scope';
import { renderLocked, renderSessionPage } from './show';

/** Action items: added at a session, their status changed wherever they are shown (commands.ts). */
export function registerActionItemRoutes(app: Express, deps: Deps) {
  const { write } = deps;

  app.post('/sessions/:id/actions', requireLogin, async (req, res) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.log(currentUser(req), s));
    if (s.status === 'closed') return renderLocked(req, res, s);
    const form = parseForm(actionItemSchema, req.body, req.t);
    const values = { what: '', owner_name: '', owner_organisation_id: '', due_on: '', ...postedForm(req) };
    if (!form.ok) return renderSessionPage(deps, req, res, 422, s, { values, errors: form.errors });
    try {
      await write(req, (w) => addActionItem(w, s, form.data));
    } catch (e) {
      if (!(e instanceof UnknownOwner)) throw e;
      return renderSessionPage(deps, req, res, 422, s, {
        values,
        errors: { owner_organisation_id: req.t('validation.choice') },
      });
    }
    flash(req, 'success', req.t('actionItems.created'));
    res.redirect(`/sessions/${s.id}#actions`);
  });

  app.post('/action-items/:id', requireLogin, async (req, res) => {
    const item = await loadActionItem(deps, req);
    authorize(sessionPolicy.log(currentUser(req), item));
    const back = safeNext(
      postedForm(req).next,
      item.session_id ? `/sessions/${item.session_id}` : `/accompaniments/${item.accompaniment_id}/sessions`,
    );
    const form = parseForm(actionStatusSchema, req.body, req.t);
    if (!form.ok) {
      return res.status(422).render('sessions/action-item', {
        title: req.t('actionItems.status.title'),
        item,
        statuses: ACTION_STATUSES,
        back,
        values: postedForm(req),
        errors: form.errors,
        formError: req.t('form.hasErrors'),
      });
    }
    const status = form.data.status;
    if (status !== item.status) await write(req, (w) => setActionItemStatus(w, item, status));
    flash(req, 'success', req.t('actionItems.statusSaved', { status: req.t(`actionItems.status.${status}`) }));
    res.redirect(back);
  });
}
