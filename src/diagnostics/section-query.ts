import type { SessionUser } from '../platform/auth/session-user';
import { mayHaveLeft, seenSql, THINGS } from '../accompaniments/withdrawn';
import type { Db } from '../platform/db';
import type { DocumentRow } from '../documents/store';
import type { BoardRow, Diagnostic } from './queries';
import type { Objective } from './schemas';

export type Attachment = Pick<DocumentRow, 'id' | 'filename' | 'size_bytes' | 'uploaded_at' | 'uploaded_by_name'>;

export type DiagnosticSectionData = {
  diagnostic: Diagnostic | null;
  objectives: Objective[];
  board: BoardRow[];
  /** null when not asked for (the reader may not see the content). */
  attachments: Attachment[] | null;
};

/*
 * Everything the diagnostic section shows, in ONE statement: the case page's Node time is mostly
 * the number of round trips (four small reads cost four times the query building and protocol
 * work of one). Each part is a scalar subquery returning JSON; ids, numerics and bigints are
 * turned to text in SQL so the rows look exactly like the ones the pg driver returns for the
 * separate reads (loadDiagnostic, validationBoard, listDocuments), timestamps become Dates below.
 * The attachments are only read when asked (`k.with_attachments`): a CASE runs its subquery only
 * when the condition holds.
 */
// A structure that left the case does not see the files added since (accompaniments/withdrawn.ts);
// k.reader is its organisation, null for every other reader.
const seenAttachment = seenSql(THINGS.document('d'), 'k.reader');

const SQL = `
select
  (select row_to_json(x) from (
     select d.findings, d.context, d.recommendations, d.days::text as days, d.written_on, d.updated_at, d.lock_version
       from diagnostics d where d.accompaniment_id = k.acc) x) as diagnostic,
  coalesce((select json_agg(json_build_object('theme', o.theme, 'aim', o.aim) order by o.position, o.id)
              from diagnostic_objectives o where o.accompaniment_id = k.acc), '[]') as objectives,
  coalesce((select json_agg(json_build_object(
                     'organisation_id', b.organisation_id::text, 'name', og.name, 'status', b.status,
                     'validated_on', v.validated_on, 'validated_by_name', v.validated_by_name, 'recorded_by_name', r.name, 'recorded_at', v.at,
                     'withdrawn_on', b.withdrawn_on)
                   order by b.status, og.name)
              from accompaniment_beneficiaries b
              join organisations og on og.id = b.organisation_id
              left join diagnostic_validations v on v.accompaniment_id = b.accompaniment_id and v.organisation_id = b.organisation_id
              left join users r on r.id = v.recorded_by
             where b.accompaniment_id = k.acc), '[]') as board,
  case when k.with_attachments then
    coalesce((select json_agg(json_build_object(
                       'id', d.id::text, 'filename', d.filename, 'size_bytes', d.size_bytes::text,
                       'uploaded_at', d.uploaded_at, 'uploaded_by_name', u.name)
                     order by d.uploaded_at, d.id)
                from documents d left join users u on u.id = d.uploaded_by
               where d.accompaniment_id = k.acc and d.purpose = k.purpose and ${seenAttachment}), '[]')
  end as attachments
from (select ?::bigint as acc, ?::text as purpose, ?::boolean as with_attachments, ?::bigint as reader) k`;

type Raw = {
  diagnostic: (Omit<Diagnostic, 'updated_at'> & { updated_at: string }) | null;
  objectives: Objective[];
  board: BoardRow[];
  attachments: (Omit<Attachment, 'uploaded_at'> & { uploaded_at: string })[] | null;
};

export async function diagnosticSectionData(db: Db, accompanimentId: string, attachmentsPurpose: string, withAttachments: boolean, reader?: SessionUser): Promise<DiagnosticSectionData> {
  const res = await db.raw(SQL, [accompanimentId, attachmentsPurpose, withAttachments, reader && mayHaveLeft(reader) ? String(reader.organisation_id) : null]);
  const r = res.rows[0] as Raw;
  return {
    diagnostic: r.diagnostic ? { ...r.diagnostic, updated_at: new Date(r.diagnostic.updated_at) } : null,
    objectives: r.objectives,
    board: r.board,
    attachments: r.attachments ? r.attachments.map((a) => ({ ...a, uploaded_at: new Date(a.uploaded_at) })) : null,
  };
}
