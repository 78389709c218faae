import type { Db } from '../platform/db';
import { loadCloseOut, objectivesWithResults, surveyBoard, type ObjectiveResult } from './queries';

/**
 * What closing an accompaniment takes, computed from the record rather than ticked by hand:
 * a restitution meeting held, the final mission report, one satisfaction survey per active
 * structure, a result for each objective, the new needs, and the case sheet.
 */
export async function closeOutChecklist(db: Db, accompanimentId: string) {
  const [restitutions, reports, surveys, objectives, closeOut, caseSheet] = await Promise.all([
    db('sessions')
      .where({ accompaniment_id: accompanimentId, type: 'restitution' })
      .orderBy('starts_at')
      .select('id', 'title', 'starts_at', 'status'),
    db('deliverables')
      .where({ accompaniment_id: accompanimentId, type: 'final_report' })
      .orderBy('id')
      .select('id', 'title', 'status'),
    surveyBoard(db, accompanimentId),
    objectivesWithResults(db, accompanimentId),
    loadCloseOut(db, accompanimentId),
    db('case_sheets').where({ accompaniment_id: accompanimentId }).first(db.raw('cardinality(results) as results')),
  ]);
  return checklistOf({ restitutions, reports, surveys, objectives, newNeeds: closeOut.new_needs, caseSheetResults: Number(caseSheet?.results ?? 0) });
}

type Records = {
  restitutions: { id: string; title: string; starts_at: Date; status: string }[];
  reports: { id: string; title: string; status: string }[];
  surveys: Awaited<ReturnType<typeof surveyBoard>>;
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
    surveys: { done: surveys.length > 0 && surveys.every((s) => s.answered), board: surveys, missing: surveys.filter((s) => !s.answered).length },
    results: { done: objectives.length > 0 && recorded === objectives.length, recorded, total: objectives.length },
    newNeeds: { done: newNeeds.length > 0, count: newNeeds.length },
    caseSheet: { done: caseSheetResults > 0 },
  };
  const done = Object.values(items).filter((i) => i.done).length;
  return { items, done, total: Object.keys(items).length, objectives, newNeeds };
}

export type Checklist = Awaited<ReturnType<typeof closeOutChecklist>>;
