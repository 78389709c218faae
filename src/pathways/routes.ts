import type { Express, Request, Response } from 'express';
import { accompanimentPolicy } from '../accompaniments/policy';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { dateRefusalError, DateRefused, localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedText } from '../platform/forms';
import { filterQuery, pageNumber } from '../platform/pagination';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import {
  addAction,
  linkCase,
  movePathway,
  moveAction,
  PathwayFieldRefused,
  recordCheckpoint,
  recordOutcome,
  writeDiagnostic,
} from './record-commands';
import { checkpointsOf } from './follow-up';
import { ACTION_STATUSES, actionEventsFrom, PathwayTransitionRefused } from './lifecycle';
import { pathwayPage } from './page';
import { pathwayPolicy } from './policy';
import {
  coordinatorChoices,
  findPathway,
  listPathways,
  pathwayActions,
  pathwayLog,
  recordedCheckpoints,
  sharedDiagnosticChoices,
  unlinkedCases,
  type Pathway,
} from './queries';
import {
  actionTransitionSchema,
  checkpointSchema,
  closureSchema,
  KIND_FILTERS,
  linkSchema,
  listFiltersSchema,
  outcomeSchema,
  OWN_ACTION_KINDS,
  parseAction,
  parseDiagnostic,
} from './schemas';

type Values = Record<string, unknown>;
type Form = { values: Values; errors: FieldErrors; formError?: string | null };
const blank = (values: Values = {}): Form => ({ values, errors: {} });
/** What was posted, as typed (strings only), to show back in a refused form. */
const posted = (body: unknown): Values =>
  Object.fromEntries(Object.entries((body ?? {}) as Values).map(([k, v]) => [k, postedText(v, 8000)]));

/** The parcours of a structure: the list, the page, and its forms. */
export function registerPathways(app: Express, deps: Deps) {
  const { db, write, config } = deps;

  /** Loads the parcours through the user's scope: out of scope and nonexistent look the same (404). */
  const load = async (req: Request) => {
    if (!isId(req.params.id)) throw notFound();
    const p = await findPathway(db, currentUser(req), req.params.id);
    if (!p) throw notFound();
    return p;
  };
  /** Loads the parcours and checks the user may change it (403 when in scope but read only). */
  const loadToManage = async (req: Request) => {
    const p = await load(req);
    authorize(pathwayPolicy.manage(currentUser(req), p));
    return p;
  };
  const loadAction = async (req: Request, p: Pathway) => {
    const action = isId(req.params.actionId)
      ? (await pathwayActions(db, currentUser(req), p.id)).find((a) => a.id === req.params.actionId)
      : undefined;
    if (!action) throw notFound();
    return action;
  };

  /** A refusal of a command or of the lifecycle, as the errors of the form's fields. */
  const refusal = (req: Request, err: unknown): FieldErrors => {
    if (err instanceof DateRefused) return dateRefusalError(req, err);
    if (err instanceof PathwayFieldRefused) return { [err.field]: req.t(err.key) };
    if (err instanceof PathwayTransitionRefused) return { [err.field ?? '_form']: req.t(err.reasonKey) };
    throw err;
  };
  const formOf = (req: Request, values: Values, errors: FieldErrors): Form => ({
    values,
    errors,
    formError: errors._form ?? formErrorOf(req.t, errors),
  });

  /**
   * A form's POST: parse (422 with the input kept), run one command in a write (refusals 422 next to
   * their field), then flash and redirect.
   */
  const submit = async <T>(
    req: Request,
    res: Response,
    parsed: { ok: true; data: T } | { ok: false; errors: FieldErrors },
    run: (data: T) => Promise<{ message: string; to: string }>,
    again: (form: Form) => Promise<void>,
  ) => {
    if (!parsed.ok) return again(formOf(req, posted(req.body), parsed.errors));
    try {
      const done = await run(parsed.data);
      flash(req, 'success', done.message);
      res.redirect(done.to);
    } catch (err) {
      await again(formOf(req, posted(req.body), refusal(req, err)));
    }
  };

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
