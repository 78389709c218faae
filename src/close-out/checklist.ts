import type { Db } from '../platform/db';
import { read, type Read } from '../platform/read-together';
import {
  objectivesWithResultsQuery,
  surveyBoardQuery,
  toBoardLine,
  type ObjectiveResult,
  type SurveyBoardRow,
} from './queries';

/*
 * What closing an accompaniment takes, computed from the record rather than ticked by hand:
 * a restitution meeting held, the final mission report, one satisfaction survey per active
 * structure, a result for each objective, the new needs, and the case sheet.
 *
 * What the checklist is computed from, as query builders: the close-out page reads them one by one
 * (closeOutChecklist), the case page's section sends them in one statement (section-query.ts).
 */
export const checklistReads = (db: Db, accompanimentId: string) => ({
  restitutions: read<Records['restitutions'][number]>(
    db('sessions')
      .where({ accompaniment_id: accompanimentId, type: 'restitution' })
      .orderBy([{ column: 'starts_at' }, { column: 'id' }])
      .select('id', 'title', 'starts_at', 'status'),
    { dates: ['starts_at'], bigints: ['id'] },
  ),
  reports: read<Records['reports'][number]>(
    db('deliverables')
      .where({ accompaniment_id: accompanimentId, type: 'final_report' })
      .orderBy('id')
      .select('id', 'title', 'status'),
    { bigints: ['id'] },
  ),
  surveys: read<SurveyBoardRow>(surveyBoardQuery(db, accompanimentId), {
    dates: ['updated_at'],
    bigints: ['organisation_id', 'survey_id'],
  }),
  objectives: read<ObjectiveResult>(objectivesWithResultsQuery(db, accompanimentId), { bigints: ['id'] }),
  newNeeds: read<{ new_needs: string[] }>(
    db('close_outs').where({ accompaniment_id: accompanimentId }).select('new_needs'),
  ),
  caseSheet: read<{ results: number }>(
    db('case_sheets').where({ accompaniment_id: accompanimentId }).select(db.raw('cardinality(results) as results')),
  ),
});

type ChecklistRows = {
  [K in keyof ReturnType<typeof checklistReads>]: ReturnType<typeof checklistReads>[K] extends Read<infer T>
    ? T[]
    : never;
};

/** The checklist from the rows of checklistReads, however they were read. */
export const checklistFrom = (r: ChecklistRows) =>
  checklistOf({
    restitutions: r.restitutions,
    reports: r.reports,
    surveys: r.surveys.map(toBoardLine),
    objectives: r.objectives,
    newNeeds: r.newNeeds[0]?.new_needs ?? [],
    caseSheetResults: Number(r.caseSheet[0]?.results ?? 0),
  });

export async function closeOutChecklist(db: Db, accompanimentId: string) {
  const reads = checklistReads(db, accompanimentId);
  const rows = await Promise.all(
    Object.entries(reads).map(async ([name, r]) => [name, (await r.query) as unknown[]] as const),
  );
  return checklistFrom(Object.fromEntries(rows) as ChecklistRows);
}

type Records = {
  restitutions: { id: string; title: string; starts_at: Date; status: string }[];
  reports: { id: string; title: string; status: string }[];
  surveys: ReturnType<typeof toBoardLine>[];
  objectives: ObjectiveResult[];
  newNeeds: string[];
  /** How many results the case sheet lists. */
  caseSheetResults: number;
};

/** The checklist from the records it is computed from (read here, or in one statement by section-query.ts). */
export function checklistOf({ restitutions, reports, surveys, objectives, newNeeds, caseSheetResults }: Records) {
  const held = restitutions.find((s) => s.status === 'held' || s.status === 'closed') ?? null;
  const report = reports.find((d) => d.status === 'accepted') ?? reports[0] ?? null;
  const recorded = objectives.filter((o) => o.result).length;
  const items = {
    restitution: { done: Boolean(held), held, planned: held ? null : (restitutions[0] ?? null) },
    finalReport: { done: report?.status === 'accepted', report },
    surveys: {
      done: surveys.length > 0 && surveys.every((s) => s.answered),
      board: surveys,
      missing: surveys.filter((s) => !s.answered).length,
    },
    results: { done: objectives.length > 0 && recorded === objectives.length, recorded, total: objectives.length },
    newNeeds: { done: newNeeds.length > 0, count: newNeeds.length },
    caseSheet: { done: caseSheetResults > 0 },
  };
  const done = Object.values(items).filter((i) => i.done).length;
  return { items, done, total: Object.keys(items).length, objectives, newNeeds };
}

export type Checklist = Awaited<ReturnType<typeof closeOutChecklist>>;
