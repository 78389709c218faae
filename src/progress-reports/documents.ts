import type { Request } from 'express';
import type { DocumentPurpose } from '../documents/purpose';
import { storeDocument } from '../documents/store';
import type { Storage } from '../platform/storage';
import type { Upload } from '../platform/uploads';
import type { Writer } from '../platform/write';
import { sendReport } from './commands';
import type { ReportContent } from './content';
import { REPORT_PURPOSE } from './queries';
import { scopeReports } from './scope';

/** The stored PDF of a sent report follows the reports' scope, wherever it is downloaded from; kept as sent. */
export const reportFiles: DocumentPurpose = {
  name: REPORT_PURPOSE,
  canRead: async (user, _acc, doc, db) =>
    Boolean(await scopeReports(db, user, db('progress_reports as r').where('r.document_id', doc.id).first('r.id'))),
  canDelete: () => false,
  backTo: (acc) => `/accompaniments/${acc.id}/reports`,
};

/**
 * Sends a draft (sendReport) in the transaction that stores its frozen PDF, the file removed
 * again when sending is refused; answers how many mails were queued. The request is only the
 * actor of the write and the logger of storeDocument; `onDate` is the day it is sent.
 */
export async function storeAndSend(
  files: { storage: Storage; write: Writer },
  req: Request,
  report: Parameters<typeof sendReport>[1],
  acc: Parameters<typeof sendReport>[2],
  frozen: { content: ReportContent; upload: Upload },
  sending: { onDate: string; baseUrl: string },
) {
  const { content, upload } = frozen;
  let count = 0;
  await storeDocument(
    files,
    req,
    { accompanimentId: acc.id, purpose: REPORT_PURPOSE, upload },
    undefined,
    async (_trx, documentId, w) => {
      count = await sendReport(w, report, acc, {
        content,
        documentId,
        sha256: upload.sha256,
        ...sending,
      });
    },
  );
  return count;
}
