import type { SessionUser } from '../platform/auth/session-user';
import { onlySeen, THINGS } from '../accompaniments/withdrawn';
import type { Db } from '../platform/db';
import { listDocuments, type DocumentRow } from '../documents/store';
import { read, type RowsOf } from '../platform/read-together';
import { diagnosticQuery, objectivesQuery, validationBoard, type BoardRow, type Diagnostic } from './queries';
import type { Objective } from './schemas';

export type Attachment = Pick<DocumentRow, 'id' | 'filename' | 'size_bytes' | 'uploaded_at' | 'uploaded_by_name'>;

export type DiagnosticSectionData = {
  diagnostic: Diagnostic | null;
  objectives: Objective[];
  board: BoardRow[];
  /** null when not asked for (the reader may not see the content). */
  attachments: Attachment[] | null;
};

/**
 * The reads of everything the diagnostic section shows, sent with the tab's other sections' as ONE
 * statement (accompaniments/sections.ts): the case page's Node time is mostly the number of round
 * trips. The reads are the diagnostic page's own query builders (loadDiagnostic, validationBoard,
 * listDocuments); the attachments are read only when asked, and a structure that left the case does
 * not see the files added since (accompaniments/withdrawn.ts).
 */
export function diagnosticSectionReads(
  db: Db,
  accompanimentId: string,
  attachmentsPurpose: string,
  withAttachments: boolean,
  reader?: SessionUser,
) {
  const attachments = (user?: SessionUser) => {
    const q = listDocuments(db, accompanimentId, attachmentsPurpose);
    return user ? onlySeen(q, user, THINGS.document('d')) : q;
  };
  return {
    diagnostic: read<Diagnostic>(diagnosticQuery(db, accompanimentId), { dates: ['updated_at'] }),
    objectives: read<Objective>(objectivesQuery(db, accompanimentId)),
    board: read<BoardRow>(validationBoard(db, accompanimentId), {
      dates: ['recorded_at'],
      bigints: ['organisation_id'],
    }),
    ...(withAttachments
      ? {
          attachments: read<DocumentRow>(attachments(reader), {
            dates: ['uploaded_at'],
            bigints: ['id', 'accompaniment_id', 'size_bytes', 'uploaded_by'],
          }),
        }
      : {}),
  };
}

/** The section's data from the rows of its reads (diagnosticSectionReads). */
export function diagnosticSectionData(
  r: RowsOf<ReturnType<typeof diagnosticSectionReads>>,
  withAttachments: boolean,
): DiagnosticSectionData {
  return {
    diagnostic: r.diagnostic[0] ?? null,
    objectives: r.objectives,
    board: r.board,
    attachments: withAttachments ? ((r as { attachments?: DocumentRow[] }).attachments ?? []) : null,
  };
}
