import type { DocumentPurpose } from '../documents/purpose';
import { uploadRoute } from '../platform/uploads';
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
