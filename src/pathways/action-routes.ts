import type { Express, Request, Response } from 'express';
import { accompanimentPolicy } from '../accompaniments/policy';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { parseForm, postedForm, postedText } from '../platform/forms';
import { actionEventsFrom } from './lifecycle';
import { pathwayPolicy } from './policy';
import type { Pathway } from './queries';
import { pathwayLog, unlinkedCases } from './record-queries';
import { addAction, linkCase, moveAction, recordOutcome } from './record-commands';
import { blank, pathwayRouteHelpers, type Form } from './route-helpers';
import { actionTransitionSchema, linkSchema, outcomeSchema, OWN_ACTION_KINDS, parseAction } from './schemas';

/** A parcours' actions: planning or recording one, linking a case, an action's page, its moves and outcome. */
export function registerPathwayActions(app: Express, deps: Deps) {
  const { db, write } = deps;
  const { load, loadToManage, loadAction, submit } = pathwayRouteHelpers(deps);

  // ——— Plan and record actions
  const renderNewAction = async (req: Request, res: Response, p: Pathway, status: number, form: Form) =>
    res.status(status).render('pathways/action-new', {
      title: req.t(form.values.mode === 'plan' ? 'pathways.action.new.plan' : 'pathways.action.new.record'),
      ...{ p, form, kinds: OWN_ACTION_KINDS, unlinked: await unlinkedCases(db, p) },
      canCreateCase: accompanimentPolicy.create(currentUser(req)),
    });
  app.get('/pathways/:id/actions/new', requireLogin, async (req, res) => {
    const p = await loadToManage(req);
    const mode = req.query.mode === 'plan' ? 'plan' : 'record';
    const kind = OWN_ACTION_KINDS.find((k) => k === req.query.kind) ?? 'advice';
    await renderNewAction(req, res, p, 200, blank({ mode, kind, happened_on: localToday() }));
  });
  app.post('/pathways/:id/actions', requireLogin, async (req, res) => {
    const p = await loadToManage(req);
    await submit(
      req,
      res,
      parseAction(req.body, req.t),
      async (data) => {
        await write(req, (w) => addAction(w, p, data));
        const message = data.mode === 'plan' ? 'pathways.action.planned' : 'pathways.action.recorded';
        return { message: req.t(message), to: `/pathways/${p.id}` };
      },
      (form) => renderNewAction(req, res, p, 422, form),
    );
  });
  app.post('/pathways/:id/consultancies', requireLogin, async (req, res) => {
    const p = await loadToManage(req);
    await submit(
      req,
      res,
      parseForm(linkSchema, req.body, req.t),
      async (data) => {
        await write(req, (w) => linkCase(w, p, data.accompaniment_id));
        return { message: req.t('pathways.consultancy.linked'), to: `/pathways/${p.id}` };
      },
      (form) => renderNewAction(req, res, p, 422, { ...form, values: { ...form.values, mode: 'record' } }),
    );
  });

  // ——— One action: its moves and, for an orientation, its outcome
  const renderAction = async (req: Request, res: Response, p: Pathway, status: number, forms: Record<string, Form>) => {
    const action = await loadAction(req, p);
    const log = (await pathwayLog(db, p.id)).filter((l) => l.action_id === action.id);
    res.status(status).render('pathways/action', {
      title: req.t('pathways.action.show', { title: action.title }),
      ...{ p, action, log, events: actionEventsFrom(action.status, action.kind), forms, today: localToday() },
      canManage: pathwayPolicy.manage(currentUser(req), p),
      seeNotes: pathwayPolicy.seeNotes(currentUser(req), p),
    });
  };
  app.get('/pathways/:id/actions/:actionId', requireLogin, async (req, res) => {
    await renderAction(req, res, await load(req), 200, {});
  });
  app.post('/pathways/:id/actions/:actionId/transitions', requireLogin, async (req, res) => {
    const p = await loadToManage(req);
    const action = await loadAction(req, p);
    const parsed = parseForm(actionTransitionSchema, req.body, req.t);
    await submit(
      req,
      res,
      parsed,
      async (data) => {
        await write(req, (w) => moveAction(w, p, action, data));
        return { message: req.t(`pathways.action.moved.${data.event}`), to: `/pathways/${p.id}/actions/${action.id}` };
      },
      (form) => renderAction(req, res, p, 422, { [postedText(postedForm(req).event, 20) || 'complete']: form }),
    );
  });
  app.post('/pathways/:id/actions/:actionId/outcome', requireLogin, async (req, res) => {
    const p = await loadToManage(req);
    const action = await loadAction(req, p);
    await submit(
      req,
      res,
      parseForm(outcomeSchema, req.body, req.t),
      async (data) => {
        await write(req, (w) => recordOutcome(w, p, action, data));
        return { message: req.t('pathways.outcome.saved'), to: `/pathways/${p.id}/actions/${action.id}` };
      },
      (form) => renderAction(req, res, p, 422, { outcome: form }),
    );
  });
}
