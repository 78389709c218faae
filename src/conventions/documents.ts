import type { Request } from 'express';
import type { DocumentPurpose } from '../documents/purpose';
import { storeDocument } from '../documents/store';
import type { Storage } from '../platform/storage';
import { uploadRoute, type Upload } from '../platform/uploads';
import type { Writer } from '../platform/write';
import { recordVersion, type PreparedVersion } from './commands';
import { recordSignatures, type SignatureRecord } from './signature-commands';
import { conventionPolicy } from './policy';
import { type Acc, auditOn, boardPath, CONVENTION_PURPOSE, SCAN_PURPOSE } from './route-helpers';

type Files = { storage: Storage; write: Writer };

/**
 * Issues a prepared version: its PDF stored and the version recorded (recordVersion) in one
 * transaction, the file removed again if that fails. Answers how many signatures were voided.
 * The request is only the actor of the write and the logger of storeDocument.
 */
export async function storeVersion(
  files: Files,
  req: Request,
  acc: Acc,
  prepared: PreparedVersion,
  by: { userId: string; baseUrl: string },
) {
  const { upload } = prepared;
  let voided = 0;
  await storeDocument(
    files,
    req,
    { accompanimentId: acc.id, purpose: CONVENTION_PURPOSE, upload },
    undefined,
    async (trx, documentId, w) => {
      const audit = auditOn(w, acc.id, { documentId, sha256: upload.sha256 });
      voided = await recordVersion(trx, acc, prepared, documentId, by.userId, audit, by.baseUrl);
    },
  );
  return voided;
}

/** Records the signatures (recordSignatures) in one transaction, the signed scan (if any) stored with them. */
export const storeSignatures = (
  files: Files,
  req: Request,
  accId: string,
  signing: Omit<SignatureRecord, 'scanId'>,
  scan: Upload | null,
) =>
  scan
    ? storeDocument(
        files,
        req,
        { accompanimentId: accId, purpose: SCAN_PURPOSE, upload: scan },
        undefined,
        (trx, scanId, w) =>
          recordSignatures(trx, { ...signing, scanId }, auditOn(w, accId, { documentId: scanId, sha256: scan.sha256 })),
      )
    : files.write(req, (w) => recordSignatures(w.trx, { ...signing, scanId: null }, auditOn(w, accId)));

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
