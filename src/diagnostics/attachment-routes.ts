/** Diagnostic routes for attaching a file to the diagnostic. */
import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { storeDocument } from '../documents/store';
import { ACCEPTED_LABEL, acceptAttribute, receiveUpload } from '../platform/uploads';
import { flash } from '../platform/views';
import { closedReason, diagnosticPolicy, isOpen } from './policy';
import { DiagnosticClosed, lockOpenDiagnostic } from './queries';
import { Acc, back } from './route-helpers';
import { attachmentUpload } from './documents';
import { ATTACHMENT_PURPOSE } from './section';

/** The attachment form and upload, while the diagnostic is open (files are read and deleted through the document routes). */
export function registerDiagnosticAttachmentRoutes(app: Express, deps: Deps, storage: Storage) {
  const { write, config } = deps;

  // ---- attachments ----------------------------------------------------------------------

  const renderAttachment = (req: Request, res: Response, status: number, acc: Acc, formError: string | null = null) =>
    res.status(status).render('diagnostics/attachment', {
      title: req.t('diagnostics.attachments.title'),
      acc,
      formError,
      accept: acceptAttribute(),
      types: ACCEPTED_LABEL,
      maxMb: config.uploadMaxMb,
    });

  app.get('/accompaniments/:id/diagnostic/attachments/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.manageAttachments(currentUser(req), acc));
    if (!isOpen(acc)) {
      flash(req, 'error', req.t(closedReason(acc)));
      return res.redirect(back(acc));
    }
    renderAttachment(req, res, 200, acc);
  });

  app.post(attachmentUpload.path, requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.manageAttachments(currentUser(req), acc));
    const received = await receiveUpload(req, res, { field: 'file', maxMb: config.uploadMaxMb });
    if (!isOpen(acc)) return renderAttachment(req, res, 422, acc, req.t(closedReason(acc)));
    if (!received.ok)
      return renderAttachment(
        req,
        res,
        received.problem.status,
        acc,
        req.t(received.problem.key, received.problem.params),
      );
    const upload = received.upload;
    try {
      await storeDocument(
        { storage, write },
        req,
        {
          accompanimentId: acc.id,
          purpose: ATTACHMENT_PURPOSE,
          upload,
          audit: { action: 'diagnostic.attachment_add', entityType: 'accompaniment', entityId: acc.id },
        },
        (trx) => lockOpenDiagnostic(trx, acc.id),
      );
    } catch (err) {
      if (!(err instanceof DiagnosticClosed)) throw err;
      return renderAttachment(req, res, 422, acc, req.t(err.reasonKey));
    }
    flash(req, 'success', req.t('diagnostics.attachments.added', { filename: upload.filename }));
    res.redirect(back(acc));
  });
}
