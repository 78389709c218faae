import type { DocumentPurpose } from '../documents/purpose';
import { uploadRoute } from '../platform/uploads';
import { conventionPolicy } from './policy';
import { boardPath, CONVENTION_PURPOSE, SCAN_PURPOSE } from './route-helpers';

/** The signed scan is posted here (multipart): the route and the CSRF check both read this path. */
export const signatureScanUpload = uploadRoute('/accompaniments/:id/convention/signatures');

/** Generated versions of the convention: a record, never deleted, only voided. */
export const conventionFiles: DocumentPurpose = {
  name: CONVENTION_PURPOSE,
  canRead: (user, acc) => conventionPolicy.readConvention(user, acc),
  canDelete: () => false,
  backTo: boardPath,
};

/** Signed scans of a version. */
export const conventionScans: DocumentPurpose = {
  name: SCAN_PURPOSE,
  canRead: (user, acc) => conventionPolicy.readScan(user, acc),
  canDelete: () => false,
  backTo: boardPath,
};
