import type { Request } from 'express';
import { caseUrl } from '../accompaniments/tabs';
import type { DocumentPurpose } from '../documents/purpose';
import { storeDocument } from '../documents/store';
import type { Storage } from '../platform/storage';
import { type Upload, uploadRoute } from '../platform/uploads';
import type { Writer } from '../platform/write';
import { addVersion } from './commands';
import { deliverablePolicy } from './policy';
import { deliverableOfDocument, DELIVERABLE_PURPOSE, type DeliverableRow, hasFunderConsent } from './queries';
import type { Acc } from './show';

/** A version's file is posted here (multipart): the route and the CSRF check both read this path. */
export const deliverableVersionUpload = uploadRoute('/deliverables/:id/versions');

/** The files of deliverable versions, read under the rule of deliverablePolicy.download; versions are kept. */
export const deliverableFiles: DocumentPurpose = {
  name: DELIVERABLE_PURPOSE,
  canRead: async (user, acc, doc, db) => {
    if (deliverablePolicy.seeContent(user, acc)) return true;
    // Funders, and the relay the follow-up was handed to, read a file once a structure consented.
    if (user.role !== 'funder' && user.role !== 'relay') return false;
    const deliverableId = await deliverableOfDocument(db, doc.id);
    return !!deliverableId && deliverablePolicy.download(user, acc, await hasFunderConsent(db, deliverableId));
  },
  canDelete: () => false, // versions are kept
  backTo: (acc) => caseUrl(acc.id, 'deliverables'),
};

/**
 * Stores an uploaded file as the deliverable's next version (addVersion), in one transaction: the
 * file removed again when the version is refused. The request is only the actor of the write and
 * the logger of storeDocument.
 */
export async function storeVersion(
  files: { storage: Storage; write: Writer; baseUrl: string },
  req: Request,
  d: DeliverableRow,
  acc: Acc,
  upload: Upload,
  submittedOn: string,
) {
  let added = { version: 0, resubmitted: false };
  const audit = {
    action: 'deliverable.version_add',
    entityType: 'deliverable',
    entityId: d.id,
    details: { submitted_on: submittedOn },
  };
  await storeDocument(
    files,
    req,
    { accompanimentId: acc.id, purpose: DELIVERABLE_PURPOSE, upload, audit },
    undefined,
    async (trx, documentId, w) => {
      added = await addVersion(trx, d, acc, {
        documentId,
        sha256: upload.sha256,
        submittedOn,
        userId: w.actor.userId,
        baseUrl: files.baseUrl,
      });
    },
  );
  return added;
}
