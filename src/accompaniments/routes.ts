import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { found, loadAccompaniment } from './load';
import { FieldErrors, parseForm, postedLockVersion, formErrorOf } from '../platform/forms';
import { filterQuery, pageNumber } from '../platform/pagination';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { addBeneficiary, listBeneficiaries, structureChoices } from './beneficiaries';
import { structurePolicy } from '../structures/policy';
import { SIAE_TYPES } from '../structures/schemas';
import { registerBeneficiaryRoutes } from './beneficiary-routes';
import { listFunding } from './funding';
import { registerFundingRoutes } from './funding-routes';
import { accompanimentPolicy } from './policy';
import {
  findAccompanimentWithActivity,
  insertAccompaniment,
  listAccompaniments,
  operatorCoordinators,
  updateAccompaniment,
} from './queries';
import { accompanimentSchema, newAccompanimentSchema } from './schemas';
import { loadSections } from './sections';
import { exitOf } from './withdrawn';
import { caseUrl, parseTab, SECTION_TABS_JSON, TABS, tabUrl } from './tabs';
import { KINDS, STATES } from './states';
import { registerTransitionRoutes, transitionChoices } from './transition-routes';
import { dateRefusalError, DateRefused, localToday as today } from '../platform/dates';

const str = (v: unknown, max = 100) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

export function registerAccompaniments(app: Express, deps: Deps) {
  const { db, write } = deps;
  // Views link to a section of the case through its tab, as routes redirect (tabs.ts).
  app.locals.caseUrl = caseUrl;

  const renderForm = async (
    req: Request,
    res: Response,
    status: number,
    locals: { values: Record<string, unknown>; errors: FieldErrors; id?: string; operatorId: string },
  ) =>
    res.status(status).render('accompaniments/form', {
      title: req.t(locals.id ? 'accompaniments.edit.title' : 'accompaniments.new.title'),
      kinds: KINDS,
      coordinators: await operatorCoordinators(db, locals.operatorId),
      structures: locals.id ? [] : await structureChoices(db),
      formError: formErrorOf(req.t, locals.errors),
      ...locals,
    });

  app.get('/accompaniments', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const filters = {
      state: STATES.find((s) => s === req.query.state),
      kind: KINDS.find((k) => k === req.query.kind),
      coordinator_id: isId(req.query.coordinator_id) ? req.query.coordinator_id : undefined,
      department: str(req.query.department, 3).toUpperCase() || undefined,
      siae_type: SIAE_TYPES.find((s) => s === req.query.siae_type),
      q: str(req.query.q),
      mine: req.query.mine === '1',
      stalled: req.query.stalled === '1',
    };
    const page = await listAccompaniments(db, user, filters, pageNumber(req.query.page), deps.config.stalledAfterDays);
    const coordinators =
      user.organisation_kind === 'operator' ? await operatorCoordinators(db, user.organisation_id) : [];
    res.render('accompaniments/index', {
      title: req.t('accompaniments.title'),
      page,
      filters: { ...filters, mine: filters.mine ? '1' : '', stalled: filters.stalled ? '1' : '' },
      states: STATES,
      kinds: KINDS,
      siaeTypes: SIAE_TYPES,
      coordinators,
      canCreate: accompanimentPolicy.create(user),
      filterQuery,
    });
  });

  app.get('/accompaniments/new', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(accompanimentPolicy.create(user));
    await renderForm(req, res, 200, {
      values: {
        kind: 'collective',
        coordinator_id: user.role === 'coordinator' ? user.id : '',
        intake_on: today(),
        structure_ids: [],
      },
      errors: {},
      operatorId: user.organisation_id,
    });
  });

  app.post('/accompaniments', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(accompanimentPolicy.create(user));
    const form = parseForm(accompanimentSchema, req.body, req.t);
    const picked = parseForm(newAccompanimentSchema, req.body, req.t);
    const values = { ...req.body, structure_ids: ([] as string[]).concat(req.body.structure_ids ?? []) };
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...(picked.ok ? {} : picked.errors) };
    if (form.ok && form.data.coordinator_id) {
      const ok = (await operatorCoordinators(db, user.organisation_id)).some((c) => c.id === form.data.coordinator_id);
      if (!ok) errors.coordinator_id = req.t('validation.choice');
    }
    if (!form.ok || !picked.ok || Object.keys(errors).length) {
      return renderForm(req, res, 422, { values, errors, operatorId: user.organisation_id });
    }
    const id = await write(req, async (w) => {
      const newId = await insertAccompaniment(w.trx, user.organisation_id, form.data);
      await w.trx('accompaniment_transitions').insert({
        accompaniment_id: newId,
        from_state: null,
        to_state: 'intake',
        actor_id: user.id,
        on_date: form.data.intake_on,
      });
      for (const structureId of picked.data.structure_ids) {
        await addBeneficiary(w.trx, newId, structureId, form.data.intake_on, user.id);
      }
      await w.audit({
        action: 'accompaniment.create',
        entityType: 'accompaniment',
        entityId: newId,
        details: { title: form.data.title, structures: picked.data.structure_ids },
      });
      return newId;
    });
    flash(req, 'success', req.t('accompaniments.created'));
    res.redirect(`/accompaniments/${id}`);
  });

  // One tab of the case at a time (tabs.ts): the header and the lifecycle on every tab, the
  // identity, structures and funding on the overview, each area's sections on its own tab.
  app.get('/accompaniments/:id', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const acc = found(
      isId(req.params.id)
        ? await findAccompanimentWithActivity(db, user, req.params.id, deps.config.stalledAfterDays)
        : undefined,
    );
    const { last_activity_at, inactive_days, stalled } = acc;
    const activity = { last_activity_at, inactive_days, stalled };
    const tab = parseTab(req.query.tab);
    const canEdit = accompanimentPolicy.update(user, acc);
    const overview = tab === 'overview';
    // The choices of structures and funders are loaded by the pages that add one, not here.
    const [sections, beneficiaries, funding, exitDay] = await Promise.all([
      loadSections({ db, user, acc, canEdit }, tab),
      overview ? listBeneficiaries(db, acc.id) : null,
      overview && accompanimentPolicy.seeFunding(user, acc) ? listFunding(db, acc.id) : null,
      // A structure that left sees the case as it stood on that day (withdrawn.ts): the page says so.
      exitOf(db, user, acc.id),
    ]);
    res.render('accompaniments/show', {
      title: acc.title,
      acc,
      tab,
      tabs: TABS.map((id) => ({ id, url: tabUrl(acc.id, id) })),
      sectionTabs: SECTION_TABS_JSON,
      beneficiaries,
      funding,
      sections,
      activity,
      exitDay,
      canEdit,
      canManageBeneficiaries: accompanimentPolicy.manageBeneficiaries(user, acc),
      canOpenStructure: (organisationId: string) => structurePolicy.open(user, organisationId),
      canManageFunding: accompanimentPolicy.manageFunding(user, acc),
      transitions: accompanimentPolicy.transition(user, acc) ? transitionChoices(acc.state) : [],
      today: today(),
    });
  });

  app.get('/accompaniments/:id/edit', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.update(currentUser(req), acc));
    await renderForm(req, res, 200, {
      values: { ...acc, themes: (acc.themes ?? []).join('\n') },
      errors: {},
      id: acc.id,
      operatorId: acc.operator_id,
    });
  });

  app.post('/accompaniments/:id', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.update(currentUser(req), acc));
    const form = parseForm(accompanimentSchema, req.body, req.t);
    const rerender = (errors: FieldErrors, status = 422, values: Record<string, unknown> = req.body) =>
      renderForm(req, res, status, { values, errors, id: acc.id, operatorId: acc.operator_id });
    if (!form.ok) return rerender(form.errors);
    if (
      form.data.coordinator_id &&
      !(await operatorCoordinators(db, acc.operator_id)).some((c) => c.id === form.data.coordinator_id)
    ) {
      return rerender({ coordinator_id: req.t('validation.choice') });
    }
    const lockVersion = postedLockVersion(req.body?.lock_version);
    let saved: boolean;
    try {
      saved = await write(req, async (w) => {
        const ok = await updateAccompaniment(
          w.trx,
          acc.id,
          Number.isInteger(lockVersion) ? lockVersion : -1,
          form.data,
        );
        await w.audit({
          action: ok ? 'accompaniment.update' : 'accompaniment.update_conflict',
          entityType: 'accompaniment',
          entityId: acc.id,
        });
        return ok;
      });
    } catch (err) {
      if (!(err instanceof DateRefused)) throw err;
      return rerender(dateRefusalError(req, err));
    }
    // Someone saved in between: keep this user's input and say so, rather than overwrite theirs.
    // Saving again from that page is then a deliberate choice, made against the current version.
    if (!saved) {
      const current = await db('accompaniments').where({ id: acc.id }).first('lock_version');
      return rerender({ _form: req.t('accompaniments.conflict') }, 409, {
        ...req.body,
        lock_version: current.lock_version,
      });
    }
    flash(req, 'success', req.t('accompaniments.updated'));
    res.redirect(`/accompaniments/${acc.id}`);
  });

  registerTransitionRoutes(app, deps);
  registerBeneficiaryRoutes(app, deps);
  registerFundingRoutes(app, deps);
}
