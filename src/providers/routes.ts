import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { dateRefusalError, DateRefused, localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { type FieldErrors, formErrorOf, parseForm, postedForm } from '../platform/forms';
import { filterQuery, pageNumber } from '../platform/pagination';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { addConsultant, changeListing, ProviderFieldRefused, saveProfile, updateConsultant } from './commands';
import { eventsFrom, LISTING_STATUSES, ListingRefused } from './lifecycle';
import { providerPolicy } from './policy';
import {
  consultantsOf,
  findConsultant,
  findProvider,
  listingHistory,
  listProviders,
  referenceLists,
  type Provider,
} from './queries';
import { providerRecord } from './record';
import { consultantSchema, listFiltersSchema, listingSchema, profileSchema } from './schemas';

type FormState = { values: Record<string, unknown>; errors: FieldErrors; formError?: string | null };
type Forms = { listing?: FormState; consultant?: FormState };

/** The provider base (/providers): profiles, listing, consultants, and each provider's record in Jalons. */
export function registerProviders(app: Express, deps: Deps) {
  const { db, write } = deps;

  /** The provider of :id through the user's scope (404 outside it), which the user may see. */
  const load = async (req: Request) => {
    const p = isId(req.params.id) ? await findProvider(db, currentUser(req), req.params.id) : undefined;
    if (!p) throw notFound();
    authorize(providerPolicy.view(currentUser(req), p));
    return p;
  };
  const loadConsultant = async (req: Request, p: Provider) => {
    const c = isId(req.params.consultantId) ? await findConsultant(db, p.id, req.params.consultantId) : undefined;
    if (!c) throw notFound();
    return c;
  };

  /** A refusal of a command or of the lifecycle, as the errors of the form's fields. */
  const refusal = (req: Request, err: unknown): FieldErrors => {
    if (err instanceof DateRefused) return dateRefusalError(req, err);
    if (err instanceof ProviderFieldRefused) return { [err.field]: req.t(err.key, err.params) };
    if (!(err instanceof ListingRefused)) throw err;
    return err.part && err.part !== 'event' ? { [err.part]: req.t(err.reasonKey) } : { _form: req.t(err.reasonKey) };
  };
  const state = (req: Request, errors: FieldErrors): FormState => {
    const { _form, ...fields } = errors;
    return { values: postedForm(req), errors: fields, formError: _form ?? formErrorOf(req.t, fields) };
  };

  const renderShow = async (req: Request, res: Response, status: number, p: Provider, forms: Forms = {}) => {
    const user = currentUser(req);
    const [consultants, history, record, lists] = await Promise.all([
      consultantsOf(db, p.id),
      listingHistory(db, p.id),
      providerRecord(db, user, p.id),
      referenceLists(db, req.locale),
    ]);
    res.status(status).render('providers/show', {
      title: req.t('providers.show.title', { name: p.name }),
      ...{ p, consultants, history, record, lists, today: localToday() },
      events: p.listing_status ? eventsFrom(p.listing_status).map((t) => t.event) : [],
      canManage: providerPolicy.manage(user),
      canEditConsultants: providerPolicy.manageConsultants(user, p),
      listingForm: forms.listing ?? { values: { happened_on: localToday() }, errors: {} },
      consultantForm: forms.consultant ?? { values: { active: 'on' }, errors: {} },
    });
  };

  const renderEdit = async (req: Request, res: Response, status: number, p: Provider, form: FormState) => {
    res.status(status).render('providers/edit', {
      title: req.t('providers.edit.title', { name: p.name }),
      ...{ p, lists: await referenceLists(db, req.locale), form },
    });
  };

  app.get('/providers', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(providerPolicy.list(user));
    const filters = listFiltersSchema.parse(req.query);
    const [page, lists] = await Promise.all([
      listProviders(db, user, filters, pageNumber(req.query.page)),
      referenceLists(db, req.locale),
    ]);
    res.render('providers/index', {
      title: req.t('providers.title'),
      ...{ page, filters, filterQuery, lists, statuses: LISTING_STATUSES },
    });
  });

  app.get('/providers/:id', requireLogin, async (req, res) => {
    await renderShow(req, res, 200, await load(req));
  });

  app.get('/providers/:id/edit', requireLogin, async (req, res) => {
    const p = await load(req);
    authorize(providerPolicy.manage(currentUser(req)));
    const values = { ...p, departments: p.departments.join(', '), pending_since: localToday() };
    await renderEdit(req, res, 200, p, { values, errors: {} });
  });

  app.post('/providers/:id', requireLogin, async (req, res) => {
    const p = await load(req);
    authorize(providerPolicy.manage(currentUser(req)));
    const form = parseForm(profileSchema, req.body, req.t);
    if (!form.ok) return renderEdit(req, res, 422, p, state(req, form.errors));
    try {
      if (!(await write(req, (w) => saveProfile(w, p, form.data)))) {
        const fresh = (await findProvider(db, currentUser(req), p.id)) ?? p;
        const values = { ...postedForm(req), lock_version: fresh.lock_version };
        return renderEdit(req, res, 409, fresh, { values, errors: {}, formError: req.t('providers.edit.conflict') });
      }
      flash(req, 'success', req.t('providers.edit.saved'));
      res.redirect(`/providers/${p.id}`);
    } catch (err) {
      await renderEdit(req, res, 422, p, state(req, refusal(req, err)));
    }
  });

  app.post('/providers/:id/listing', requireLogin, async (req, res) => {
    const p = await load(req);
    authorize(providerPolicy.manage(currentUser(req)));
    const refuse = (errors: FieldErrors) => renderShow(req, res, 422, p, { listing: state(req, errors) });
    const form = parseForm(listingSchema, req.body, req.t);
    if (!form.ok) return refuse(form.errors);
    try {
      const moved = await write(req, (w) => changeListing(w, p, form.data));
      flash(req, 'success', req.t('providers.listing.done', { status: req.t(`providers.status.${moved.to}`) }));
      res.redirect(`/providers/${p.id}#listing`);
    } catch (err) {
      await refuse(refusal(req, err));
    }
  });

  app.post('/providers/:id/consultants', requireLogin, async (req, res) => {
    const p = await load(req);
    authorize(providerPolicy.manageConsultants(currentUser(req), p));
    const refuse = (errors: FieldErrors) => renderShow(req, res, 422, p, { consultant: state(req, errors) });
    const form = parseForm(consultantSchema, req.body, req.t);
    if (!form.ok) return refuse(form.errors);
    try {
      await write(req, (w) => addConsultant(w, p, form.data));
      flash(req, 'success', req.t('providers.consultants.added', { name: form.data.name }));
      res.redirect(`/providers/${p.id}#consultants`);
    } catch (err) {
      await refuse(refusal(req, err));
    }
  });

  const renderConsultant = async (
    req: Request,
    res: Response,
    status: number,
    p: Provider,
    c: { id: string },
    form: FormState,
  ) => {
    const lists = await referenceLists(db, req.locale);
    res
      .status(status)
      .render('providers/consultant', { title: req.t('providers.consultants.edit'), p, c, lists, form });
  };

  app.get('/providers/:id/consultants/:consultantId/edit', requireLogin, async (req, res) => {
    const p = await load(req);
    authorize(providerPolicy.manageConsultants(currentUser(req), p));
    const c = await loadConsultant(req, p);
    await renderConsultant(req, res, 200, p, c, { values: { ...c, active: c.active ? 'on' : '' }, errors: {} });
  });

  app.post('/providers/:id/consultants/:consultantId', requireLogin, async (req, res) => {
    const p = await load(req);
    authorize(providerPolicy.manageConsultants(currentUser(req), p));
    const c = await loadConsultant(req, p);
    const form = parseForm(consultantSchema, req.body, req.t);
    if (!form.ok) return renderConsultant(req, res, 422, p, c, state(req, form.errors));
    try {
      await write(req, (w) => updateConsultant(w, p, c, form.data));
      flash(req, 'success', req.t('providers.consultants.saved', { name: form.data.name }));
      res.redirect(`/providers/${p.id}#consultants`);
    } catch (err) {
      await renderConsultant(req, res, 422, p, c, state(req, refusal(req, err)));
    }
  });
}
