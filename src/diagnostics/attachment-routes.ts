/** Diagnostic routes for attaching a file to the diagnostic. */
import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { ACCEPTED_LABEL, acceptAttribute, receiveUpload } from '../platform/uploads';
import { flash } from '../platform/views';
import { closedReason, diagnosticPolicy, isOpen } from './policy';
import { DiagnosticClosed } from './queries';
import { Acc, back } from './route-helpers';
import { attachmentUpload, storeAttachment } from './documents';

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
    if (!received.ok) {
      const { status, key, params } = received.problem;
      return renderAttachment(req, res, status, acc, req.t(key, params));
    }
    const upload = received.upload;
    try {
      await storeAttachment({ storage, write }, req, acc.id, upload);
    } catch (err) {
      if (!(err instanceof DiagnosticClosed)) throw err;
      return renderAttachment(req, res, 422, acc, req.t(err.reasonKey));
    }
    flash(req, 'success', req.t('diagnostics.attachments.added', { filename: upload.filename }));
    res.redirect(back(acc));
  });
}
