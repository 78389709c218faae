/** Deliverable routes for uploading versions and submitting for review. */
import type { Express } from 'express';
import { requireLogin } from '../platform/auth/guards';
import { DateRefused, dateRefusalError, localToday, refuseBefore } from '../platform/dates';
import { parseForm } from '../platform/forms';
import type { Deps } from '../platform/deps';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { storeDocument } from '../platform/storage/documents';
import { receiveUpload } from '../platform/uploads';
import { flash } from '../platform/views';
import { deliverablePolicy } from './policy';
import { DELIVERABLE_PURPOSE, loadDeliverable, lockDeliverable } from './queries';
import { versionSchema } from './schemas';
import { body, page, Refused, renderShow } from './show';

/** A new version (back under review after changes were requested), and submitting the deliverable. */
export function registerDeliverableVersionRoutes(app: Express, deps: Deps, storage: Storage) {
  const { write, config } = deps;

  // ---- versions ----------------------------------------------------------------------

  app.post('/deliverables/:id/versions', requireLogin, async (req, res) => {
    const { d, acc } = await loadDeliverable(deps, req);
    authorize(deliverablePolicy.contribute(req.user!, acc));
    const received = await receiveUpload(req, res, { field: 'file', maxMb: config.uploadMaxMb });
    // The day typed is kept (today when the form sent none); the file must be chosen again (a browser never refills a file input).
    const values = { submitted_on: localToday(), ...body(req) };
    const uploadError = (message: string, status = 422) => renderShow(deps, req, res, status, d, acc, { upload: { values, errors: {}, formError: message } });
    const dateError = (errors: Record<string, string>) => renderShow(deps, req, res, 422, d, acc, { upload: { values, errors, formError: null } });
    if (!received.ok) return uploadError(req.t(received.problem.key, received.problem.params), received.problem.status);
    if (d.status === 'accepted') return uploadError(req.t('deliverables.refused.accepted'));
    const form = parseForm(versionSchema, values, req.t);
    if (!form.ok) return dateError(form.errors);
    const { submitted_on } = form.data;
    const upload = received.upload;
    let version = 0;
    let resubmitted = false;
    try {
      await storeDocument(
        { storage, write },
        req,
        { accompanimentId: acc.id, purpose: DELIVERABLE_PURPOSE, upload, audit: { action: 'deliverable.version_add', entityType: 'deliverable', entityId: d.id, details: { submitted_on } } },
        async (trx) => {
          const locked = await lockDeliverable(trx, d.id);
          if (locked.status === 'accepted') throw new Refused('deliverables.refused.accepted');
          const [{ max }] = await trx('deliverable_versions').where({ deliverable_id: d.id }).max<{ max: number | null }[]>('version as max');
          version = Number(max ?? 0) + 1;
          // Handed in after the case's intake, and not before the version it follows.
          refuseBefore('submitted_on', submitted_on, acc.intake_on, 'deliverables.dates.beforeIntake');
          const previous = await trx('deliverable_versions').where({ deliverable_id: d.id }).orderBy('version', 'desc').first<{ submitted_on: string } | undefined>('submitted_on');
          refuseBefore('submitted_on', submitted_on, previous?.submitted_on, 'deliverables.dates.beforePreviousVersion');
          // After changes were requested, a new version is the answer: back under review.
          resubmitted = locked.status === 'changes_requested';
          await trx('deliverables')
            .where({ id: d.id })
            .update({ status: resubmitted ? 'submitted' : locked.status, updated_at: trx.fn.now() });
        },
        async (trx, documentId) => {
          await trx('deliverable_versions').insert({ deliverable_id: d.id, version, document_id: documentId, sha256: upload.sha256, uploaded_by: req.user!.id, submitted_on });
        },
      );
    } catch (err) {
      if (err instanceof DateRefused) return dateError(dateRefusalError(req, err));
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
}
