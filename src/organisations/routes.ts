import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireLogin, requireRole } from '../platform/auth/guards';
import { ORGANISATION_KINDS } from '../platform/auth/session-user';
import { uniqueViolation } from '../platform/db-errors';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { filterQuery, pageNumber } from '../platform/pagination';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { createOrganisation, editOrganisation, KindLocked } from './commands';
import { organisationPolicy } from './policy';
import { findOrganisation, listOrganisations, organisationLockVersion, organisationMembers } from './queries';
import { FUNDER_TYPES, organisationSchema } from './schemas';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

type FormLocals = { values: Record<string, unknown>; errors: FieldErrors; id?: string; formError?: string };

export function registerOrganisations(app: Express, deps: Deps) {
  const { db, write } = deps;

  const renderForm = (req: Request, res: Response, status: number, locals: FormLocals) =>
    res.status(status).render('organisations/form', {
      title: req.t(locals.id ? 'organisations.edit.title' : 'organisations.new.title'),
      kinds: ORGANISATION_KINDS,
      funderTypes: FUNDER_TYPES,
      formError: formErrorOf(req.t, locals.errors),
      ...locals,
    });

  const uniqueErrors = (req: Request, constraint: string): FieldErrors =>
    constraint.includes('siret')
      ? { siret: req.t('organisations.siretTaken') }
      : { name: req.t('organisations.nameTaken') };

  const load = async (req: Request) => {
    if (!isId(req.params.id)) throw notFound();
    const org = await findOrganisation(db, currentUser(req), req.params.id);
    if (!org) throw notFound();
    return org;
  };

  app.get('/organisations', requireRole('admin'), async (req, res) => {
    authorize(organisationPolicy.list(currentUser(req)));
    const filters = { kind: ORGANISATION_KINDS.find((k) => k === req.query.kind), q: str(req.query.q).slice(0, 100) };
    const page = await listOrganisations(db, currentUser(req), filters, pageNumber(req.query.page));
    res.render('organisations/index', {
      title: req.t('organisations.title'),
      page,
      filters,
      kinds: ORGANISATION_KINDS,
      filterQuery,
    });
  });

  app.get('/organisations/new', requireRole('admin'), (req, res) => {
    authorize(organisationPolicy.create(currentUser(req)));
    renderForm(req, res, 200, {
      values: { kind: ORGANISATION_KINDS.find((k) => k === req.query.kind) ?? 'operator' },
      errors: {},
    });
  });

  app.post('/organisations', requireRole('admin'), async (req, res) => {
    authorize(organisationPolicy.create(currentUser(req)));
    const form = parseForm(organisationSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, 422, { values: postedForm(req), errors: form.errors });
    try {
      const id = await write(req, (w) => createOrganisation(w, form.data));
      flash(req, 'success', req.t('organisations.created', { name: form.data.name }));
      res.redirect(`/organisations/${id}`);
    } catch (err) {
      const constraint = uniqueViolation(err);
      if (!constraint) throw err;
      renderForm(req, res, 422, { values: postedForm(req), errors: uniqueErrors(req, constraint) });
    }
  });

  app.get('/organisations/:id', requireLogin, async (req, res) => {
    const org = await load(req);
    authorize(organisationPolicy.view(currentUser(req), org));
    const members = await organisationMembers(db, org.id);
    res.render('organisations/show', {
      title: org.name,
      org,
      members,
      canEdit: organisationPolicy.update(currentUser(req), org),
    });
  });

  app.get('/organisations/:id/edit', requireRole('admin'), async (req, res) => {
    const org = await load(req);
    authorize(organisationPolicy.update(currentUser(req), org));
    renderForm(req, res, 200, { values: org, errors: {}, id: org.id });
  });

  app.post('/organisations/:id', requireRole('admin'), async (req, res) => {
    const org = await load(req);
    authorize(organisationPolicy.update(currentUser(req), org));
    const again = (status: number, more: Partial<FormLocals>) =>
      renderForm(req, res, status, { values: postedForm(req), errors: {}, id: org.id, ...more });
    const form = parseForm(organisationSchema, req.body, req.t);
    if (!form.ok) return again(422, { errors: form.errors });
    const lockVersion = postedLockVersion(postedForm(req).lock_version);
    try {
      // Someone saved in between: this admin's input is kept, against the current version, so that
      // saving again is a deliberate overwrite rather than a silent one.
      if (!(await write(req, (w) => editOrganisation(w, org, lockVersion, form.data)))) {
        const values = { ...postedForm(req), lock_version: await organisationLockVersion(db, org.id) };
        return again(409, { values, formError: req.t('organisations.conflict') });
      }
      flash(req, 'success', req.t('organisations.updated'));
      res.redirect(`/organisations/${org.id}`);
    } catch (err) {
      if (err instanceof KindLocked) return again(422, { errors: { kind: req.t('organisations.kindLocked') } });
      const constraint = uniqueViolation(err);
      if (!constraint) throw err;
      again(422, { errors: uniqueErrors(req, constraint) });
    }
  });
}
