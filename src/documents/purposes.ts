import { conventionFiles, conventionScans, signatureScanUpload } from '../conventions/documents';
import { deliverableFiles, deliverableVersionUpload } from '../deliverables/documents';
import { attachmentUpload, diagnosticAttachments } from '../diagnostics/documents';
import type { UploadRoute } from '../platform/uploads';
import { reportFiles } from '../progress-reports/documents';
import { invoiceFiles, invoiceUpload } from '../payments/documents';
import type { DocumentPurpose } from './purpose';

/** Every kind of stored file, each declared by the area that stores it (its documents.ts). */
export const DOCUMENT_PURPOSES: readonly DocumentPurpose[] = [
  conventionFiles,
  conventionScans,
  deliverableFiles,
  diagnosticAttachments,
  reportFiles,
  invoiceFiles,
];

/** Every route that receives a file, declared beside the purpose it stores: their CSRF token is checked once the body is read. */
export const UPLOAD_ROUTES: readonly UploadRoute[] = [
  deliverableVersionUpload,
  signatureScanUpload,
  attachmentUpload,
  invoiceUpload,
];

export const purposeNamed = (name: string) => DOCUMENT_PURPOSES.find((p) => p.name === name);
