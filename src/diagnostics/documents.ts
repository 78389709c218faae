import type { Request } from 'express';
import type { DocumentPurpose } from '../documents/purpose';
import { storeDocument } from '../documents/store';
import type { Storage } from '../platform/storage';
import { type Upload, uploadRoute } from '../platform/uploads';
import type { Writer } from '../platform/write';
import { diagnosticPolicy } from './policy';
import { DiagnosticClosed, lockOpenDiagnostic } from './queries';
import { back } from './route-helpers';
import { ATTACHMENT_PURPOSE } from './section';

/** An attachment is posted here (multipart): the route and the CSRF check both read this path. */
export const attachmentUpload = uploadRoute('/accompaniments/:id/diagnostic/attachments');

/** Files attached to the diagnostic: deleted by the operator's staff while the diagnostic is open. */
export const diagnosticAttachments: DocumentPurpose = {
  name: ATTACHMENT_PURPOSE,
  canRead: (user, acc) => diagnosticPolicy.seeContent(user, acc),
  canDelete: (user, acc) => diagnosticPolicy.manageAttachments(user, acc),
  refuseDelete: async (trx, acc) => {
    try {
      await lockOpenDiagnostic(trx, acc.id);
      return null;
    } catch (err) {
      if (err instanceof DiagnosticClosed) return err.reasonKey;
      throw err;
    }
  },
  backTo: back,
};

/**
 * Stores a file attached to the diagnostic, logged, in a transaction that first locks the diagnostic
 * open (DiagnosticClosed otherwise, and the file is removed again). The request is only the actor
 * of the write and the logger of storeDocument.
 */
export const storeAttachment = (
  files: { storage: Storage; write: Writer },
  req: Request,
  accompanimentId: string,
  upload: Upload,
) =>
  storeDocument(
    files,
    req,
    {
      accompanimentId,
      purpose: ATTACHMENT_PURPOSE,
      upload,
      audit: { action: 'diagnostic.attachment_add', entityType: 'accompaniment', entityId: accompanimentId },
    },
    (trx) => lockOpenDiagnostic(trx, accompanimentId),
  );
