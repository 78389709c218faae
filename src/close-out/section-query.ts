import type { Db } from '../platform/db';
import { checklistOf } from './checklist';
import type { ObjectiveResult } from './queries';

/*
 * The close-out checklist of the case page in ONE statement instead of six (restitution sessions,
 * final reports, survey board, objectives with results, new needs, case-sheet results): on the
 * case page each round trip costs more Node time than these small reads. Each part reads as in
 * closeOutChecklist and surveyBoard, as a scalar subquery returning JSON; ids are cast to text as
 * the pg driver returns bigints, timestamps become Dates below.
 */
const SQL = `
select
  coalesce((select json_agg(json_build_object('id', s.id::text, 'title', s.title, 'starts_at', s.starts_at, 'status', s.status)
                            order by s.starts_at, s.id)
              from sessions s where s.accompaniment_id = k.acc and s.type = 'restitution'), '[]') as restitutions,
  coalesce((select json_agg(json_build_object('id', d.id::text, 'title', d.title, 'status', d.status) order by d.id)
              from deliverables d where d.accompaniment_id = k.acc and d.type = 'final_report'), '[]') as reports,
  coalesce((select json_agg(json_build_object(
                     'organisation_id', b.organisation_id::text, 'name', o.name, 'survey_id', sv.id::text,
                     'updated_at', sv.updated_at, 'on_behalf', sv.on_behalf, 'answered_by_name', u.name)
                   order by o.name)
              from accompaniment_beneficiaries b
              join organisations o on o.id = b.organisation_id
              left join satisfaction_surveys sv on sv.accompaniment_id = b.accompaniment_id and sv.organisation_id = b.organisation_id
              left join users u on u.id = sv.answered_by
             where b.accompaniment_id = k.acc and b.status = 'active'), '[]') as surveys,
  coalesce((select json_agg(json_build_object('id', o.id::text, 'theme', o.theme, 'aim', o.aim, 'result', r.result, 'comment', r.comment)
                            order by o.position, o.id)
              from diagnostic_objectives o left join objective_results r on r.objective_id = o.id
             where o.accompaniment_id = k.acc), '[]') as objectives,
  coalesce((select c.new_needs from close_outs c where c.accompaniment_id = k.acc), '{}') as new_needs,
  coalesce((select cardinality(cs.results) from case_sheets cs where cs.accompaniment_id = k.acc), 0) as case_sheet_results
from (select ?::bigint as acc) k`;

type Raw = {
  restitutions: { id: string; title: string; starts_at: string; status: string }[];
  reports: { id: string; title: string; status: string }[];
  surveys: { organisation_id: string; name: string; survey_id: string | null; updated_at: string | null; on_behalf: boolean | null; answered_by_name: string | null }[];
  objectives: ObjectiveResult[];
  new_needs: string[];
  case_sheet_results: number;
};

/** The same checklist as closeOutChecklist, read in one statement. */
export async function closeOutSectionChecklist(db: Db, accompanimentId: string) {
  const res = await db.raw(SQL, [accompanimentId]);
  const r = res.rows[0] as Raw;
  return checklistOf({
    restitutions: r.restitutions.map((s) => ({ ...s, starts_at: new Date(s.starts_at) })),
    reports: r.reports,
    surveys: r.surveys.map((s) => ({ ...s, updated_at: s.updated_at === null ? null : new Date(s.updated_at), answered: s.survey_id !== null })),
    objectives: r.objectives,
    newNeeds: r.new_needs,
    caseSheetResults: Number(r.case_sheet_results),
  });
}
