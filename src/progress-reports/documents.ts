import type { DocumentPurpose } from '../documents/purpose';
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
