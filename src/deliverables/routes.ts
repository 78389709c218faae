import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/routes';
import { findAccompaniment } from '../accompaniments/queries';
import { localToday } from '../phases/today';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, parseForm } from '../platform/forms';
import type { MessageKey } from '../platform/i18n';
import { authorize } from '../platform/policy';
import { createStorage } from '../platform/storage';
import { storeDocument } from '../platform/storage/documents';
import { defineDocumentPurpose, registerDocumentRoutes } from '../platform/storage/routes';
import { ACCEPTED_LABEL, ACCEPTED_TYPES, acceptUploadsAt, receiveUpload } from '../platform/uploads';
import { flash } from '../platform/views';
import { deliverablePolicy } from './policy';
import {
  deliverableOfDocument,
  DELIVERABLE_PURPOSE,
  DeliverableRow,
  hasFunderConsent,
  insertAction,
  insertDeliverable,
  listActions,
  listComments,
  listConsents,
  listVersions,
  loadDeliverable,
  lockDeliverable,
  structuresOf,
} from './queries';
import { ACTION_STATUSES, actionSchema, consentSchema, DELIVERABLE_TYPES, deliverableSchema, reviewSchema } from './schemas';

type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;
type FormState = { values: Record<string, unknown>; errors: FieldErrors; formError?: string | null };
type ShowForms = Partial<Record<'upload' | 'review' | 'consent' | 'action', FormState>>;

/** A refusal decided inside a transaction (the status moved meanwhile): rolled back, said in French. */
class Refused extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

const page = (d: { id: string }) => `/deliverables/${d.id}`;
const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
export const acceptAttribute = () =>
  Object.values(ACCEPTED_TYPES)
    .flat()
    .map((e) => `.${e}`)
    .join(',');

/**
 * Deliverables: operator staff list what is expected; the selected provider (or staff) uploads
 * versions and submits; the coordinator accepts or asks for changes (with a comment). A new
 * version after changes were requested puts the deliverable back under review. Files are
 * documents of purpose 'deliverable', read under the rule of deliverablePolicy.download.
 */
export function registerDeliverables(app: Express, deps: Deps) {
  const { db, write, config, logger } = deps;
  const storage = createStorage(config);
  acceptUploadsAt(/^\/deliverables\/[1-9][0-9]*\/versions$/);
  app.locals.uploadMaxMb = config.uploadMaxMb;

  defineDocumentPurpose(DELIVERABLE_PURPOSE, {
    canRead: async (user, acc, doc) => {
      if (deliverablePolicy.seeContent(user, acc)) return true;
      if (user.role !== 'funder') return false;
      const deliverableId = await deliverableOfDocument(db, doc.id);
      return !!deliverableId && deliverablePolicy.download(user, acc, await hasFunderConsent(db, deliverableId));
    },
    canDelete: () => false, // versions are kept
    backTo: (acc) => `/accompaniments/${acc.id}#deliverables`,
  });
  registerDocumentRoutes(app, { db, write, storage, logger }, (user, id) => findAccompaniment(db, user, id));

  // ---- creating an expected deliverable ------------------------------------------------

  const renderNew = (req: Request, res: Response, status: number, acc: Acc, state: FormState) =>
    res.status(status).render('deliverables/new', {
      title: req.t('deliverables.new.title'),
      acc,
      types: DELIVERABLE_TYPES,
      ...state,
      formError: Object.keys(state.errors).length ? req.t('form.hasErrors') : null,
    });

  app.get('/accompaniments/:id/deliverables/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(deliverablePolicy.create(req.user!, acc));
    renderNew(req, res, 200, acc, { values: { type: 'action_plan', title: '', expected_on: '' }, errors: {} });
  });

  app.post('/accompaniments/:id/deliverables/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(deliverablePolicy.create(req.user!, acc));
    const form = parseForm(deliverableSchema, req.body, req.t);
    if (!form.ok) return renderNew(req, res, 422, acc, { values: body(req), errors: form.errors });
    const id = await write(req, async (w) => {
      const newId = await insertDeliverable(w.trx, acc.id, form.data, w.actor.userId);
      await w.audit({ action: 'deliverable.create', entityType: 'deliverable', entityId: newId, details: { accompaniment_id: acc.id, ...form.data } });
      return newId;
    });
    flash(req, 'success', req.t('deliverables.created', { title: form.data.title }));
    res.redirect(page({ id }));
  });

  // ---- the deliverable's page ---------------------------------------------------------

  const renderShow = async (req: Request, res: Response, status: number, d: DeliverableRow, acc: Acc, forms: ShowForms = {}) => {
    const user = req.user!;
    const content = deliverablePolicy.seeContent(user, acc);
    const consented = await hasFunderConsent(db, d.id);
    const structures = await structuresOf(db, acc.id);
    const recordConsent = deliverablePolicy.recordConsent(user, acc);
    res.status(status).render('deliverables/show', {
      title: d.title,
      d,
      acc,
      versions: await listVersions(db, d.id),
      comments: content ? await listComments(db, d.id) : null,
      consents: await listConsents(db, d.id),
      actions: d.type === 'action_plan' && content ? await listActions(db, d.id) : null,
      structures,
      consentStructures: recordConsent ? structures.filter((s) => deliverablePolicy.consentFor(user, acc, s.id)) : [],
      actionStatuses: ACTION_STATUSES,
      canDownload: deliverablePolicy.download(user, acc, consented),
      consented,
      can: {
        upload: deliverablePolicy.upload(user, acc, d),
        submit: deliverablePolicy.submit(user, acc, d),
        review: deliverablePolicy.review(user, acc) && d.status === 'submitted',
        consent: recordConsent,
        actions: deliverablePolicy.manageActions(user, acc, d),
      },
      upload: { types: ACCEPTED_LABEL, accept: acceptAttribute(), maxMb: config.uploadMaxMb },
      today: localToday(),
      signatory: user.role === 'beneficiary' ? user.name : '',
      forms,
    });
  };

  app.get('/deliverables/:id', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.list(req.user!, acc));
    await renderShow(req, res, 200, d, acc);
  });

  // ---- versions ----------------------------------------------------------------------

  app.post('/deliverables/:id/versions', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.contribute(req.user!, acc));
    const received = await receiveUpload(req, res, { field: 'file', maxMb: config.uploadMaxMb });
    const uploadError = (message: string, status = 422) => renderShow(req, res, status, d, acc, { upload: { values: {}, errors: {}, formError: message } });
    if (!received.ok) return uploadError(req.t(received.problem.key, received.problem.params), received.problem.status);
    if (d.status === 'accepted') return uploadError(req.t('deliverables.refused.accepted'));
    const upload = received.upload;
    let version = 0;
    let resubmitted = false;
    try {
      await storeDocument(
        { storage, write },
        req,
        { accompanimentId: acc.id, purpose: DELIVERABLE_PURPOSE, upload, audit: { action: 'deliverable.version_add', entityType: 'deliverable', entityId: d.id } },
        async (trx) => {
          const locked = await lockDeliverable(trx, d.id);
          if (locked.status === 'accepted') throw new Refused('deliverables.refused.accepted');
          const [{ max }] = await trx('deliverable_versions').where({ deliverable_id: d.id }).max<{ max: number | null }[]>('version as max');
          version = Number(max ?? 0) + 1;
          // After changes were requested, a new version is the answer: back under review.
          resubmitted = locked.status === 'changes_requested';
          await trx('deliverables')
            .where({ id: d.id })
            .update({ status: resubmitted ? 'submitted' : locked.status, updated_at: trx.fn.now() });
        },
        async (trx, documentId) => {
          await trx('deliverable_versions').insert({ deliverable_id: d.id, version, document_id: documentId, sha256: upload.sha256, uploaded_by: req.user!.id });
        },
      );
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      return uploadError(req.t(err.key));
    }
    flash(req, 'success', req.t(resubmitted ? 'deliverables.versionResubmitted' : 'deliverables.versionAdded', { version, filename: upload.filename }));
    res.redirect(page(d));
  });

  app.post('/deliverables/:id/submit', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.contribute(req.user!, acc));
    try {
      await write(req, async (w) => {
        const locked = await lockDeliverable(w.trx, d.id);
        // After changes were requested, only a new version goes back under review.
        if (locked.status !== 'expected') throw new Refused('deliverables.refused.notSubmittable');
        const versions = await w.trx('deliverable_versions').where({ deliverable_id: d.id }).count<{ n: string }[]>('* as n');
        if (Number(versions[0].n) === 0) throw new Refused('deliverables.refused.noVersion');
        await w.trx('deliverables').where({ id: d.id }).update({ status: 'submitted', updated_at: w.trx.fn.now() });
        await w.audit({ action: 'deliverable.submit', entityType: 'deliverable', entityId: d.id, details: { accompaniment_id: acc.id, from: locked.status } });
      });
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      flash(req, 'error', req.t(err.key));
      return res.redirect(page(d));
    }
    flash(req, 'success', req.t('deliverables.submitted'));
    res.redirect(page(d));
  });

  // ---- review by the coordinator --------------------------------------------------------

  app.post('/deliverables/:id/review', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.review(req.user!, acc));
    const form = parseForm(reviewSchema, req.body, req.t);
    const values = { decision: '', comment: '', ...body(req) };
    if (!form.ok) return renderShow(req, res, 422, d, acc, { review: { values, errors: form.errors, formError: req.t('form.hasErrors') } });
    const accept = form.data.decision === 'accept';
    try {
      await write(req, async (w) => {
        const locked = await lockDeliverable(w.trx, d.id);
        if (locked.status !== 'submitted') throw new Refused('deliverables.refused.notSubmitted');
        const [{ max }] = await w.trx('deliverable_versions').where({ deliverable_id: d.id }).max<{ max: number | null }[]>('version as max');
        const status = accept ? 'accepted' : 'changes_requested';
        await w.trx('deliverables').where({ id: d.id }).update({ status, updated_at: w.trx.fn.now() });
        await w.trx('deliverable_comments').insert({ deliverable_id: d.id, decision: status, body: form.data.comment, version: max, author_id: w.actor.userId });
        let published = 0;
        if (accept) published = await w.trx('action_items').where({ deliverable_id: d.id }).update({ visible: true });
        await w.audit({ action: `deliverable.${status}`, entityType: 'deliverable', entityId: d.id, details: { accompaniment_id: acc.id, version: max, comment: form.data.comment, actions_published: published } });
      });
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      return renderShow(req, res, 422, d, acc, { review: { values, errors: {}, formError: req.t(err.key) } });
    }
    flash(req, 'success', req.t(accept ? 'deliverables.accepted' : 'deliverables.changesRequested'));
    res.redirect(page(d));
  });

  // ---- consent of a structure for the funders -----------------------------------------

  app.post('/deliverables/:id/consents', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    const user = req.user!;
    authorize(deliverablePolicy.recordConsent(user, acc));
    // A structure's own user signs in its own name.
    const raw = { ...body(req) };
    if (user.role === 'beneficiary') raw.signatory_name = raw.signatory_name || user.name;
    const form = parseForm(consentSchema, raw, req.t);
    const values = { organisation_id: '', signatory_name: '', given_on: '', ...raw };
    if (!form.ok) return renderShow(req, res, 422, d, acc, { consent: { values, errors: form.errors, formError: req.t('form.hasErrors') } });
    const structures = await structuresOf(db, acc.id);
    if (!structures.some((s) => s.id === form.data.organisation_id)) {
      return renderShow(req, res, 422, d, acc, { consent: { values, errors: { organisation_id: req.t('validation.choice') }, formError: req.t('form.hasErrors') } });
    }
    authorize(deliverablePolicy.consentFor(user, acc, form.data.organisation_id));
    const added = await write(req, async (w) => {
      const rows = await w
        .trx('deliverable_consents')
        .insert({ deliverable_id: d.id, organisation_id: form.data.organisation_id, scope: 'funders', signatory_name: form.data.signatory_name, given_on: form.data.given_on, given_by: w.actor.userId })
        .onConflict(['deliverable_id', 'organisation_id', 'scope'])
        .ignore()
        .returning('id');
      await w.audit({ action: rows.length ? 'deliverable.consent' : 'deliverable.consent_duplicate', entityType: 'deliverable', entityId: d.id, details: { accompaniment_id: acc.id, ...form.data, scope: 'funders' } });
      return rows.length > 0;
    });
    flash(req, added ? 'success' : 'info', req.t(added ? 'deliverables.consent.recorded' : 'deliverables.consent.already'));
    res.redirect(`${page(d)}#consents`);
  });

  // ---- structured actions of an action plan -------------------------------------------

  app.post('/deliverables/:id/actions', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.manageActions(req.user!, acc, d));
    const form = parseForm(actionSchema, req.body, req.t);
    const values = { what: '', owner_organisation_id: '', due_on: '', status: 'open', ...body(req) };
    if (!form.ok) return renderShow(req, res, 422, d, acc, { action: { values, errors: form.errors, formError: req.t('form.hasErrors') } });
    if (!(await structuresOf(db, acc.id)).some((s) => s.id === form.data.owner_organisation_id)) {
      return renderShow(req, res, 422, d, acc, { action: { values, errors: { owner_organisation_id: req.t('validation.choice') }, formError: req.t('form.hasErrors') } });
    }
    try {
      await write(req, async (w) => {
        const locked = await lockDeliverable(w.trx, d.id);
        if (locked.status === 'accepted') throw new Refused('deliverables.refused.accepted');
        const id = await insertAction(w.trx, d, form.data);
        await w.audit({ action: 'deliverable.action_add', entityType: 'deliverable', entityId: d.id, details: { accompaniment_id: acc.id, action_item_id: id, ...form.data } });
      });
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      return renderShow(req, res, 422, d, acc, { action: { values, errors: {}, formError: req.t(err.key) } });
    }
    flash(req, 'success', req.t('deliverables.actions.added'));
    res.redirect(`${page(d)}#actions`);
  });

  app.post('/deliverables/:id/actions/:actionId/delete', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.manageActions(req.user!, acc, d));
    const actionId = String(req.params.actionId);
    if (!/^[1-9]\d{0,17}$/.test(actionId)) throw notFound();
    const removed = await write(req, async (w) => {
      const locked = await lockDeliverable(w.trx, d.id);
      if (locked.status === 'accepted') return 0;
      const n = await w.trx('action_items').where({ id: actionId, deliverable_id: d.id }).del();
      await w.audit({ action: 'deliverable.action_remove', entityType: 'deliverable', entityId: d.id, details: { accompaniment_id: acc.id, action_item_id: actionId, removed: n } });
      return n;
    });
    if (!removed) throw notFound();
    flash(req, 'success', req.t('deliverables.actions.removed'));
    res.redirect(`${page(d)}#actions`);
  });
}
