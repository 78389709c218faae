/** Deliverable routes for uploading versions and submitting for review. */
import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';
import { type FieldErrors, parseForm } from '../platform/forms';
import type { Deps } from '../platform/deps';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { receiveUpload } from '../platform/uploads';
import { flash } from '../platform/views';
import { deliverableVersionUpload, storeVersion } from './documents';
import { submitDeliverable } from './commands';
import { DeliverableRefused, isFinalDeliverable } from './lifecycle';
import { deliverablePolicy } from './policy';
import { type DeliverableRow, loadDeliverable } from './queries';
import { versionSchema } from './schemas';
import { type Acc, body, page, renderShow } from './show';

/** The upload form again (422): a refused file or day, the day typed kept. */
const refusals = (
  deps: Deps,
  req: Request,
  res: Response,
  d: DeliverableRow,
  acc: Acc,
  values: Record<string, unknown>,
) => ({
  upload: (message: string, status = 422) =>
    renderShow(deps, req, res, status, d, acc, { upload: { values, errors: {}, formError: message } }),
  dates: (errors: FieldErrors) =>
    renderShow(deps, req, res, 422, d, acc, { upload: { values, errors, formError: null } }),
});

/** A new version (back under review after changes were requested), and submitting the deliverable. */
export function registerDeliverableVersionRoutes(app: Express, deps: Deps, storage: Storage) {
  const { write, config } = deps;
  const files = { storage, write, baseUrl: config.baseUrl };

  app.post(deliverableVersionUpload.path, requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.contribute(currentUser(req), acc));
    const received = await receiveUpload(req, res, { field: 'file', maxMb: config.uploadMaxMb });
    // The day typed is kept (today when the form sent none); the file must be chosen again (a browser never refills a file input).
    const values = { submitted_on: localToday(), ...body(req) };
    const refuse = refusals(deps, req, res, d, acc, values);
    if (!received.ok)
      return refuse.upload(req.t(received.problem.key, received.problem.params), received.problem.status);
    if (isFinalDeliverable(d.status)) return refuse.upload(req.t('deliverables.refused.accepted'));
    const form = parseForm(versionSchema, values, req.t);
    if (!form.ok) return refuse.dates(form.errors);
    const { upload } = received;
    let added: Awaited<ReturnType<typeof storeVersion>>;
    try {
      added = await storeVersion(files, req, d, acc, upload, form.data.submitted_on);
    } catch (err) {
      if (err instanceof DateRefused) return refuse.dates(dateRefusalError(req, err));
      if (!(err instanceof DeliverableRefused)) throw err;
      return refuse.upload(req.t(err.key));
    }
    const done = added.resubmitted ? 'deliverables.versionResubmitted' : 'deliverables.versionAdded';
    flash(req, 'success', req.t(done, { version: added.version, filename: upload.filename }));
    res.redirect(page(d));
  });

  app.post('/deliverables/:id/submit', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.contribute(currentUser(req), acc));
    try {
      await write(req, (w) => submitDeliverable(w, d, localToday(), config.baseUrl));
    } catch (err) {
      if (!(err instanceof DeliverableRefused)) throw err;
      flash(req, 'error', req.t(err.key));
      return res.redirect(page(d));
    }
    flash(req, 'success', req.t('deliverables.submitted'));
    res.redirect(page(d));
  });
}
