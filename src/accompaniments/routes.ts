import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { found, loadAccompaniment } from './load';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { pageNumber } from '../platform/pagination';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { structureChoices } from './beneficiaries';
import { registerBeneficiaryRoutes } from './beneficiary-routes';
import { editCase, openCase } from './commands';
import { registerFundingRoutes } from './funding-routes';
import { casePage, listFilters, listPage } from './pages';
import { accompanimentPolicy } from './policy';
import { findAccompanimentWithActivity, lockVersionOf, operatorCoordinators } from './queries';
import { accompanimentSchema, newAccompanimentSchema } from './schemas';
import { parseTab } from './tabs';
import { KINDS } from './states';
import { registerTransitionRoutes } from './transition-routes';
import { dateRefusalError, DateRefused, localToday as today } from '../platform/dates';
import { listOptions, splitByList } from '../reference-lists/lists';

export function registerAccompaniments(app: Express, deps: Deps) {
  const { db, write } = deps;

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
      // The national list's themes as checkboxes (with the codes the case holds); other themes typed below.
      themeChoices: (
        await listOptions(db, ['theme'], req.locale, { theme: [locals.values.theme_codes ?? []].flat().map(String) })
      ).theme.filter((o) => !o.free),
      formError: formErrorOf(req.t, locals.errors),
      ...locals,
    });

  app.get('/accompaniments', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const filters = listFilters(req.query);
    const list = await listPage(db, user, filters, pageNumber(req.query.page), deps.config.stalledAfterDays);
    res.render('accompaniments/index', { title: req.t('accompaniments.title'), ...list });
  });

  app.get('/accompaniments/new', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(accompanimentPolicy.create(user));
    await renderForm(req, res, 200, {
      values: {
        kind: 'collective',
        coordinator_id: user.role === 'coordinator' ? user.id : '',
        intake_on: today(),
        // Prefilled from a structure's parcours (« Créer l’accompagnement », pathways/).
        structure_ids: isId(req.query.structure_id) ? [req.query.structure_id] : [],
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
    const posted = postedForm(req);
    const values = {
      ...posted,
      structure_ids: ([] as string[]).concat((posted.structure_ids as string | string[]) ?? []),
    };
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...(picked.ok ? {} : picked.errors) };
    if (form.ok && form.data.coordinator_id) {
      const ok = (await operatorCoordinators(db, user.organisation_id)).some((c) => c.id === form.data.coordinator_id);
      if (!ok) errors.coordinator_id = req.t('validation.choice');
    }
    if (!form.ok || !picked.ok || Object.keys(errors).length) {
      return renderForm(req, res, 422, { values, errors, operatorId: user.organisation_id });
    }
    const structureIds = picked.data.structure_ids;
    const id = await write(req, (w) => openCase(w, user.organisation_id, form.data, structureIds, user.id));
    flash(req, 'success', req.t('accompaniments.created'));
    res.redirect(`/accompaniments/${id}`);
  });

  // One tab of the case at a time (tabs.ts): the view model is casePage's (pages.ts).
  app.get('/accompaniments/:id', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const acc = found(
      isId(req.params.id)
        ? await findAccompanimentWithActivity(db, user, req.params.id, deps.config.stalledAfterDays)
        : undefined,
    );
    res.render('accompaniments/show', await casePage(db, user, acc, parseTab(req.query.tab), req.locale));
  });

  app.get('/accompaniments/:id/edit', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.update(currentUser(req), acc));
    const themes = await splitByList(db, 'theme', acc.themes ?? []);
    await renderForm(req, res, 200, {
      values: { ...acc, themes: themes.free.join('\n'), theme_codes: themes.listed },
      errors: {},
      id: acc.id,
      operatorId: acc.operator_id,
    });
  });

  app.post('/accompaniments/:id', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(accompanimentPolicy.update(currentUser(req), acc));
    const form = parseForm(accompanimentSchema, req.body, req.t);
    const rerender = (errors: FieldErrors, status = 422, values: Record<string, unknown> = postedForm(req)) =>
      renderForm(req, res, status, { values, errors, id: acc.id, operatorId: acc.operator_id });
    if (!form.ok) return rerender(form.errors);
    if (
      form.data.coordinator_id &&
      !(await operatorCoordinators(db, acc.operator_id)).some((c) => c.id === form.data.coordinator_id)
    ) {
      return rerender({ coordinator_id: req.t('validation.choice') });
    }
    const lockVersion = postedLockVersion(postedForm(req).lock_version);
    let saved: boolean;
    try {
      saved = await write(req, (w) => editCase(w, acc.id, Number.isInteger(lockVersion) ? lockVersion : -1, form.data));
    } catch (err) {
      if (!(err instanceof DateRefused)) throw err;
      return rerender(dateRefusalError(req, err));
    }
    // Someone saved in between: keep this user's input and say so, rather than overwrite theirs.
    // Saving again from that page is then a deliberate choice, made against the current version.
    if (!saved) {
      const current = { lock_version: await lockVersionOf(db, acc.id) };
      return rerender({ _form: req.t('accompaniments.conflict') }, 409, { ...postedForm(req), ...current });
    }
    flash(req, 'success', req.t('accompaniments.updated'));
    res.redirect(`/accompaniments/${acc.id}`);
  });

  registerTransitionRoutes(app, deps);
  registerBeneficiaryRoutes(app, deps);
  registerFundingRoutes(app, deps);
}
