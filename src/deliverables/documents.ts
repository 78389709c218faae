import { caseUrl } from '../accompaniments/tabs';
import type { DocumentPurpose } from '../documents/purpose';
import { uploadRoute } from '../platform/uploads';
import { deliverablePolicy } from './policy';
import { deliverableOfDocument, DELIVERABLE_PURPOSE, hasFunderConsent } from './queries';

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
