import type { Express, Request, Response } from 'express';
import { organisationLockVersion } from '../organisations/queries';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { uniqueViolation } from '../platform/db-errors';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, parseForm, postedForm, postedLockVersion, formErrorOf } from '../platform/forms';
import { filterQuery, pageNumber } from '../platform/pagination';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { createStructure, editStructure } from './commands';
import { pathwayPolicy } from '../pathways/policy';
import { pathwaysOfStructure } from '../pathways/queries';
import { headcountSection } from '../headcounts/section';
import { ListCodeRefused, listLabels, listOptions } from '../reference-lists/lists';
import { structurePolicy } from './policy';
import {
  deleteContact,
  duplicates,
  findStructure,
  insertContact,
  listStructures,
  Structure,
  structureAccompaniments,
  structureContacts,
} from './queries';
import { CONTACT_ROLES, contactSchema, SIAE_TYPES, structureSchema, StructureInput } from './schemas';

const str = (v: unknown, max = 100) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** A saved structure as the form shows it: lists one per line, numbers as typed. */
const formValues = (s: Structure) => ({
  ...s,
  taxable: s.taxable ? '1' : '',
  activities: (s.activities ?? []).join('\n'),
  networks: (s.networks ?? []).join('\n'),
  employees: s.employees ?? '',
  employees_in_insertion: s.employees_in_insertion ?? '',
});

type FormLocals = { values: Record<string, unknown>; errors: FieldErrors; id?: string; formError?: string };
type ContactForm = { values: Record<string, unknown>; errors: FieldErrors };

export function registerStructures(app: Express, deps: Deps) {
  const { db, write } = deps;

  /** Loads the structure through the user's scope: out of scope and nonexistent look the same (404). */
  const load = async (req: Request) => {
    if (!isId(req.params.id)) throw notFound();
    const structure = await findStructure(db, currentUser(req), req.params.id);
    if (!structure) throw notFound();
    return structure;
  };

  // Legal forms and sectors from the national lists, keeping what the form holds (one query).
  const renderForm = async (req: Request, res: Response, status: number, locals: FormLocals) => {
    const held = { legal_form: [str(locals.values.legal_form, 60)], sector: [str(locals.values.sector, 200)] };
    const lists = await listOptions(db, ['legal_form', 'sector'], req.locale, held);
    res.status(status).render('structures/form', {
      title: req.t(locals.id ? 'structures.edit.title' : 'structures.new.title'),
      legalForms: lists.legal_form,
      sectors: lists.sector,
      siaeTypes: SIAE_TYPES,
      formError: formErrorOf(req.t, locals.errors),
      ...locals,
    });
  };
  const listRefusal = (req: Request, err: unknown): FieldErrors | null =>
    err instanceof ListCodeRefused ? { [err.field]: req.t(err.key) } : null;

  const renderShow = async (
    req: Request,
    res: Response,
    status: number,
    structure: Structure,
    contactForm?: ContactForm,
  ) => {
    const user = currentUser(req);
    const [contacts, accompaniments, pathways, headcounts, labels] = await Promise.all([
      structurePolicy.seeContacts(user) ? structureContacts(db, structure.id) : Promise.resolve(null),
      structureAccompaniments(db, user, structure.id),
      // Its parcours (issue 19), for those who may read parcours at all (not providers nor funders).
      pathwayPolicy.list(user) ? pathwaysOfStructure(db, user, structure.id) : Promise.resolve(null),
      // Its dated headcount snapshots and their impact (issue 20), for operator staff and the structure itself.
      headcountSection(db, user, structure.id),
      listLabels(db, ['legal_form', 'sector'], req.locale),
    ]);
    res.status(status).render('structures/show', {
      title: structure.name,
      structure,
      contacts,
      accompaniments,
      pathways,
      headcounts,
      labels,
      canEdit: structurePolicy.update(user),
      canManageContacts: structurePolicy.manageContacts(user),
      contactRoles: CONTACT_ROLES,
      contactForm: contactForm ?? { values: { role: 'director' }, errors: {} },
    });
  };

  /** Name and SIRET are unique: said next to the field, before the database has to refuse. */
  const duplicateErrors = async (req: Request, input: StructureInput, exceptId?: string): Promise<FieldErrors> => {
    const dup = await duplicates(db, input, exceptId);
    const errors: FieldErrors = {};
    if (dup.name) errors.name = req.t('structures.nameTaken');
    if (dup.siret) errors.siret = req.t('structures.siret.taken');
    return errors;
  };
  const uniqueErrors = (req: Request, constraint: string): FieldErrors =>
    constraint.includes('siret') ? { siret: req.t('structures.siret.taken') } : { name: req.t('structures.nameTaken') };

  app.get('/structures', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(structurePolicy.list(user));
    const siae = str(req.query.siae_type, 10);
    const filters = {
      q: str(req.query.q),
      siae_type: siae === 'none' ? ('none' as const) : SIAE_TYPES.find((s) => s === siae),
      department: str(req.query.department, 3).toUpperCase() || undefined,
    };
    const page = await listStructures(db, user, filters, pageNumber(req.query.page));
    res.render('structures/index', {
      title: req.t('structures.title'),
      page,
      filters,
      siaeTypes: SIAE_TYPES,
      canCreate: structurePolicy.create(user),
      filterQuery,
    });
  });

  app.get('/structures/new', requireLogin, async (req, res) => {
    authorize(structurePolicy.create(currentUser(req)));
    await renderForm(req, res, 200, { values: {}, errors: {} });
  });

  app.post('/structures', requireLogin, async (req, res) => {
    authorize(structurePolicy.create(currentUser(req)));
    const form = parseForm(structureSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, 422, { values: postedForm(req), errors: form.errors });
    const taken = await duplicateErrors(req, form.data);
    if (Object.keys(taken).length) return renderForm(req, res, 422, { values: postedForm(req), errors: taken });
    try {
      const id = await write(req, (w) => createStructure(w, form.data));
      flash(req, 'success', req.t('structures.created', { name: form.data.name }));
      res.redirect(`/structures/${id}`);
    } catch (err) {
      const refused = listRefusal(req, err);
      if (refused) return renderForm(req, res, 422, { values: postedForm(req), errors: refused });
      const constraint = uniqueViolation(err);
      if (!constraint) throw err;
      await renderForm(req, res, 422, { values: postedForm(req), errors: uniqueErrors(req, constraint) });
    }
  });

  app.get('/structures/:id', requireLogin, async (req, res) => {
    const structure = await load(req);
    await renderShow(req, res, 200, structure);
  });

  app.get('/structures/:id/edit', requireLogin, async (req, res) => {
    const structure = await load(req);
    authorize(structurePolicy.update(currentUser(req)));
    await renderForm(req, res, 200, { values: formValues(structure), errors: {}, id: structure.id });
  });

  app.post('/structures/:id', requireLogin, async (req, res) => {
    const structure = await load(req);
    authorize(structurePolicy.update(currentUser(req)));
    const again = (status: number, more: Partial<FormLocals>) =>
      renderForm(req, res, status, { values: postedForm(req), errors: {}, id: structure.id, ...more });
    const form = parseForm(structureSchema, req.body, req.t);
    if (!form.ok) return again(422, { errors: form.errors });
    const taken = await duplicateErrors(req, form.data, structure.id);
    if (Object.keys(taken).length) return again(422, { errors: taken });
    const lockVersion = postedLockVersion(postedForm(req).lock_version);
    try {
      const saved = await write(req, (w) => editStructure(w, structure, lockVersion, form.data));
      // Someone saved in between: the input is kept, against the current version, so that saving
      // again is a deliberate overwrite rather than a silent one.
      if (!saved) {
        const values = { ...postedForm(req), lock_version: await organisationLockVersion(db, structure.id) };
        return again(409, { values, formError: req.t('structures.conflict') });
      }
      flash(req, 'success', req.t('structures.updated'));
      res.redirect(`/structures/${structure.id}`);
    } catch (err) {
      const refused = listRefusal(req, err);
      if (refused) return again(422, { errors: refused });
      const constraint = uniqueViolation(err);
      if (!constraint) throw err;
      await again(422, { errors: uniqueErrors(req, constraint) });
    }
  });

  app.post('/structures/:id/contacts', requireLogin, async (req, res) => {
    const structure = await load(req);
    authorize(structurePolicy.manageContacts(currentUser(req)));
    const form = parseForm(contactSchema, req.body, req.t);
    if (!form.ok) return renderShow(req, res, 422, structure, { values: postedForm(req), errors: form.errors });
    await write(req, async (w) => {
      const contactId = await insertContact(w.trx, structure.id, form.data);
      await w.audit({
        action: 'structure.contact.add',
        entityType: 'structure',
        entityId: structure.id,
        details: { contact_id: contactId, name: form.data.name, role: form.data.role },
      });
    });
    flash(req, 'success', req.t('structures.contacts.added'));
    res.redirect(`/structures/${structure.id}#contacts`);
  });

  app.post('/structures/:id/contacts/:contactId/delete', requireLogin, async (req, res) => {
    const structure = await load(req);
    authorize(structurePolicy.manageContacts(currentUser(req)));
    const contactId = req.params.contactId;
    if (!isId(contactId)) throw notFound();
    await write(req, async (w) => {
      const row = await deleteContact(w.trx, structure.id, contactId);
      if (!row) throw notFound(); // rolls back: nothing written, not even the audit entry
      await w.audit({
        action: 'structure.contact.delete',
        entityType: 'structure',
        entityId: structure.id,
        details: { contact_id: contactId, name: row.name, role: row.role },
      });
    });
    flash(req, 'success', req.t('structures.contacts.deleted'));
    res.redirect(`/structures/${structure.id}#contacts`);
  });
}
