import type { Express, Request } from 'express';
import { scopeAccompaniments } from '../accompaniments/scope';
import { isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash, safeNext } from '../platform/views';
import { insertActionItem, ownerChoices } from './action-queries';
import { sessionPolicy } from './policy';
import { ACTION_STATUSES, actionItemSchema, actionStatusSchema, OPEN_ACTION_STATUSES } from './schemas';
import { loadSession } from './scope';
import { renderLocked, renderSessionPage } from './show';

type ScopedActionItem = {
  id: string;
  accompaniment_id: string;
  session_id: string | null;
  what: string;
  status: string;
  operator_id: string;
  /** For the policy: former participants no longer update actions after the handoff. */
  accompaniment_state: string;
};

/**
 * An action item is visible exactly when its accompaniment is (same scope, same 404), and once
 * it is public: an action plan's actions stay with their deliverable until the plan is accepted.
 */
async function loadActionItem(deps: Deps, req: Request): Promise<ScopedActionItem> {
  if (!isId(req.params.id)) throw notFound();
  const q = deps.db('action_items as ai')
    .join('accompaniments as a', 'a.id', 'ai.accompaniment_id')
    .where('ai.id', req.params.id)
    .where('ai.visible', true)
    .first<ScopedActionItem | undefined>('ai.id', 'ai.accompaniment_id', 'ai.session_id', 'ai.what', 'ai.status', 'a.operator_id', 'a.state as accompaniment_state');
  const item = await scopeAccompaniments(deps.db, req.user!, q, 'a');
  if (!item) throw notFound();
  return { ...item, id: String(item.id), accompaniment_id: String(item.accompaniment_id), session_id: item.session_id == null ? null : String(item.session_id) };
}

/** Action items: added at a session, their status changed wherever they are shown. */
export function registerActionItemRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  app.post('/sessions/:id/actions', requireLogin, async (req, res) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.log(req.user!, s));
    if (s.status === 'closed') return renderLocked(req, res, s);
    const form = parseForm(actionItemSchema, req.body, req.t);
    const values = { what: '', owner_name: '', owner_organisation_id: '', due_on: '', ...(req.body ?? {}) };
    if (!form.ok) return renderSessionPage(deps, req, res, 422, s, { values, errors: form.errors });
    const ownerId = form.data.owner_organisation_id;
    if (ownerId && !(await ownerChoices(db, s.accompaniment_id)).some((o) => o.id === ownerId)) {
      return renderSessionPage(deps, req, res, 422, s, { values, errors: { owner_organisation_id: req.t('validation.choice') } });
    }
    await write(req, async (w) => {
      const id = await insertActionItem(w.trx, s, form.data);
      await w.audit({ action: 'action_item.create', entityType: 'action_item', entityId: id, details: { accompaniment_id: s.accompaniment_id, session_id: s.id, what: form.data.what, due_on: form.data.due_on } });
    });
    flash(req, 'success', req.t('actionItems.created'));
    res.redirect(`/sessions/${s.id}#actions`);
  });

  app.post('/action-items/:id', requireLogin, async (req, res) => {
    const item = await loadActionItem(deps, req);
    authorize(sessionPolicy.log(req.user!, item));
    const back = safeNext(req.body?.next, item.session_id ? `/sessions/${item.session_id}` : `/accompaniments/${item.accompaniment_id}/sessions`);
    const form = parseForm(actionStatusSchema, req.body, req.t);
    if (!form.ok) {
      return res.status(422).render('sessions/action-item', {
        title: req.t('actionItems.status.title'),
        item,
        statuses: ACTION_STATUSES,
        back,
        values: req.body ?? {},
        errors: form.errors,
        formError: req.t('form.hasErrors'),
      });
    }
    const status = form.data.status;
    if (status !== item.status) {
      const closing = !OPEN_ACTION_STATUSES.includes(status);
      const wasClosed = !(OPEN_ACTION_STATUSES as readonly string[]).includes(item.status);
      await write(req, async (w) => {
        // Done then dropped (or the reverse) keeps the date it was first closed.
        const patch = closing ? (wasClosed ? { status } : { status, closed_at: w.trx.fn.now() }) : { status, closed_at: null };
        await w.trx('action_items').where({ id: item.id }).update(patch);
        await w.audit({ action: 'action_item.status', entityType: 'action_item', entityId: item.id, details: { accompaniment_id: item.accompaniment_id, from: item.status, to: status } });
      });
    }
    flash(req, 'success', req.t('actionItems.statusSaved', { status: req.t(`actionItems.status.${status}`) }));
    res.redirect(back);
  });
}
