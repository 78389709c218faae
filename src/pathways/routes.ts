import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { parseForm } from '../platform/forms';
import { filterQuery, pageNumber } from '../platform/pagination';
import { authorize } from '../platform/policy';
import { registerPathwayActions } from './action-routes';
import { checkpointsOf } from './follow-up';
import { ACTION_STATUSES } from './lifecycle';
import { pathwayPage } from './page';
import { pathwayPolicy } from './policy';
import { coordinatorChoices, listPathways, pathwayActions, type Pathway } from './queries';
import { recordedCheckpoints, sharedDiagnosticChoices } from './record-queries';
import { movePathway, recordCheckpoint, writeDiagnostic } from './record-commands';
import { blank, pathwayRouteHelpers, type Form } from './route-helpers';
import { checkpointSchema, closureSchema, KIND_FILTERS, listFiltersSchema, parseDiagnostic } from './schemas';

/** The parcours of a structure: the list, the page, and its forms. */
export function registerPathways(app: Express, deps: Deps) {
  const { db, write, config } = deps;

  const { load, loadToManage, submit } = pathwayRouteHelpers(deps);

  app.get('/pathways', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(pathwayPolicy.list(user));
    const filters = listFiltersSchema.parse(req.query);
    const [page, coordinators] = await Promise.all([
      listPathways(db, user, filters, pageNumber(req.query.page)),
      pathwayPolicy.filterByCoordinator(user) ? coordinatorChoices(db, user.organisation_id) : Promise.resolve([]),
    ]);
    res.render('pathways/index', {
      title: req.t('pathways.title'),
      ...{ page, filters, filterQuery, coordinators, kinds: KIND_FILTERS, actionStatuses: ACTION_STATUSES },
    });
  });

  const renderShow = async (req: Request, res: Response, p: Pathway) => {
    const page = await pathwayPage(db, currentUser(req), p, {
      offsets: config.followUpOffsetsMonths,
      today: localToday(),
    });
    res.render('pathways/show', { title: req.t('pathways.show.title', { name: p.structure_name }), p, ...page });
  };
  app.get('/pathways/:id', requireLogin, async (req, res) => renderShow(req, res, await load(req)));

  // ——— Diagnostic
  const renderDiagnostic = async (req: Request, res: Response, p: Pathway, status: number, form: Form) =>
    res.status(status).render('pathways/diagnostic', {
      title: req.t('pathways.diagnostic.title'),
      ...{ p, form, sharedChoices: await sharedDiagnosticChoices(db, p.id) },
    });
  app.get('/pathways/:id/diagnostic', requireLogin, async (req, res) => {
    const p = await loadToManage(req);
    const mode = p.shared_diagnostic_accompaniment_id ? 'shared' : 'own';
    await renderDiagnostic(req, res, p, 200, blank({ ...p, diagnosed_on: p.diagnosed_on ?? localToday(), mode }));
  });
  app.post('/pathways/:id/diagnostic', requireLogin, async (req, res) => {
    const p = await loadToManage(req);
    await submit(
      req,
      res,
      parseDiagnostic(req.body, req.t),
      async (data) => {
        await write(req, (w) => writeDiagnostic(w, p, data));
        return { message: req.t('pathways.diagnostic.saved'), to: `/pathways/${p.id}` };
      },
      (form) => renderDiagnostic(req, res, p, 422, form),
    );
  });

  registerPathwayActions(app, deps);

  // ——— Follow-up checkpoints
  const dueCheckpoint = async (req: Request, p: Pathway) => {
    const offset = Number(req.params.offset);
    const all = checkpointsOf(
      await pathwayActions(db, currentUser(req), p.id),
      await recordedCheckpoints(db, p.id),
      config.followUpOffsetsMonths,
    );
    const c = /^\d{1,3}$/.test(String(req.params.offset)) ? all.find((x) => x.offset_months === offset) : undefined;
    if (!c) throw notFound();
    return c;
  };
  const renderCheckpoint = async (req: Request, res: Response, p: Pathway, status: number, form?: Form) => {
    const c = await dueCheckpoint(req, p);
    const values = {
      held_on: c.held_on ?? localToday(),
      employees: c.employees ?? '',
      employees_in_insertion: c.employees_in_insertion ?? '',
      notes: c.notes ?? '',
    };
    res.status(status).render('pathways/checkpoint', {
      title: req.t('pathways.checkpoint.title', { months: c.offset_months }),
      ...{ p, c, form: form ?? blank(values) },
    });
  };
  app.get('/pathways/:id/checkpoints/:offset', requireLogin, async (req, res) => {
    await renderCheckpoint(req, res, await loadToManage(req), 200);
  });
  app.post('/pathways/:id/checkpoints/:offset', requireLogin, async (req, res) => {
    const p = await loadToManage(req);
    const c = await dueCheckpoint(req, p);
    await submit(
      req,
      res,
      parseForm(checkpointSchema, req.body, req.t),
      async (data) => {
        await write(req, (w) => recordCheckpoint(w, p, c, data));
        return { message: req.t('pathways.checkpoint.saved'), to: `/pathways/${p.id}` };
      },
      (form) => renderCheckpoint(req, res, p, 422, form),
    );
  });

  // ——— Closure and reopening
  const renderClosure = (req: Request, res: Response, p: Pathway, status: number, form?: Form) => {
    res.status(status).render('pathways/closure', {
      title: req.t(p.status === 'open' ? 'pathways.close.title' : 'pathways.reopen.title'),
      ...{ p, form: form ?? blank({ happened_on: localToday() }) },
    });
    return Promise.resolve();
  };
  app.get('/pathways/:id/close', requireLogin, async (req, res) =>
    renderClosure(req, res, await loadToManage(req), 200),
  );
  for (const event of ['close', 'reopen'] as const)
    app.post(`/pathways/:id/${event}`, requireLogin, async (req, res) => {
      const p = await loadToManage(req);
      await submit(
        req,
        res,
        parseForm(closureSchema, req.body, req.t),
        async (data) => {
          await write(req, (w) => movePathway(w, p, event, data));
          return {
            message: req.t(event === 'close' ? 'pathways.close.done' : 'pathways.reopen.done'),
            to: `/pathways/${p.id}`,
          };
        },
        (form) => renderClosure(req, res, p, 422, form),
      );
    });
}
