/** Deliverable routes for uploading versions and submitting for review. */
import type { Express } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';
import { parseForm } from '../platform/forms';
import type { Deps } from '../platform/deps';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { storeDocument } from '../documents/store';
import { receiveUpload } from '../platform/uploads';
import { flash } from '../platform/views';
import { deliverableVersionUpload } from './documents';
import { addVersion, submitDeliverable } from './commands';
import { DeliverableRefused, isFinalDeliverable } from './lifecycle';
import { deliverablePolicy } from './policy';
import { DELIVERABLE_PURPOSE, loadDeliverable } from './queries';
import { versionSchema } from './schemas';
import { body, page, renderShow } from './show';

/** A new version (back under review after changes were requested), and submitting the deliverable. */
export function registerDeliverableVersionRoutes(app: Express, deps: Deps, storage: Storage) {
  const { write, config } = deps;

  app.post(deliverableVersionUpload.path, requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.contribute(currentUser(req), acc));
    const received = await receiveUpload(req, res, { field: 'file', maxMb: config.uploadMaxMb });
    // The day typed is kept (today when the form sent none); the file must be chosen again (a browser never refills a file input).
    const values = { submitted_on: localToday(), ...body(req) };
    const uploadError = (message: string, status = 422) =>
      renderShow(deps, req, res, status, d, acc, { upload: { values, errors: {}, formError: message } });
    const dateError = (errors: Record<string, string>) =>
      renderShow(deps, req, res, 422, d, acc, { upload: { values, errors, formError: null } });
    if (!received.ok) return uploadError(req.t(received.problem.key, received.problem.params), received.problem.status);
    if (isFinalDeliverable(d.status)) return uploadError(req.t('deliverables.refused.accepted'));
    const form = parseForm(versionSchema, values, req.t);
    if (!form.ok) return dateError(form.errors);
    const { submitted_on } = form.data;
    const { upload } = received;
    let added = { version: 0, resubmitted: false };
    const audit = {
      action: 'deliverable.version_add',
      entityType: 'deliverable',
      entityId: d.id,
      details: { submitted_on },
    };
    try {
      await storeDocument(
        { storage, write },
        req,
        { accompanimentId: acc.id, purpose: DELIVERABLE_PURPOSE, upload, audit },
        undefined,
        async (trx, documentId, w) => {
          added = await addVersion(trx, d, acc, {
            documentId,
            sha256: upload.sha256,
            submittedOn: submitted_on,
            userId: w.actor.userId,
          });
        },
      );
    } catch (err) {
      if (err instanceof DateRefused) return dateError(dateRefusalError(req, err));
      if (!(err instanceof DeliverableRefused)) throw err;
      return uploadError(req.t(err.key));
    }
    flash(
      req,
      'success',
      req.t(added.resubmitted ? 'deliverables.versionResubmitted' : 'deliverables.versionAdded', {
        version: added.version,
        filename: upload.filename,
      }),
    );
    res.redirect(page(d));
  });

  app.post('/deliverables/:id/submit', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.contribute(currentUser(req), acc));
    try {
      await write(req, (w) => submitDeliverable(w, d, localToday()));
    } catch (err) {
      if (!(err instanceof DeliverableRefused)) throw err;
      flash(req, 'error', req.t(err.key));
      return res.redirect(page(d));
    }
    flash(req, 'success', req.t('deliverables.submitted'));
    res.redirect(page(d));
  });
}
