import type { Db, Trx } from '../platform/db';
import type { ResultValue, SurveyInput } from './schemas';
import { CRITERIA } from './schemas';
import type { CloseOutsRow } from '../platform/db-tables';

export type Survey = SurveyInput & {
  id: string;
  organisation_id: string;
  answered_by_name: string;
  on_behalf: boolean;
  lock_version: number;
  updated_at: Date;
};

/** Active structures of the case, each with its survey if answered (the survey is per active beneficiary). */
export const surveyBoardQuery = (db: Db | Trx, accompanimentId: string) =>
  db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .leftJoin('satisfaction_surveys as s', function () {
      this.on('s.accompaniment_id', '=', 'b.accompaniment_id').andOn('s.organisation_id', '=', 'b.organisation_id');
    })
    .leftJoin('users as u', 'u.id', 's.answered_by')
    .where({ 'b.accompaniment_id': accompanimentId, 'b.status': 'active' })
    .orderBy('o.name')
    .select(
      'b.organisation_id',
      'o.name',
      's.id as survey_id',
      's.updated_at',
      's.on_behalf',
      'u.name as answered_by_name',
    );

export type SurveyBoardRow = {
  organisation_id: string;
  name: string;
  survey_id: string | null;
  updated_at: Date | null;
  on_behalf: boolean | null;
  answered_by_name: string | null;
};
export const toBoardLine = (r: SurveyBoardRow) => ({ ...r, answered: r.survey_id !== null });

export async function surveyBoard(db: Db | Trx, accompanimentId: string) {
  return ((await surveyBoardQuery(db, accompanimentId)) as SurveyBoardRow[]).map(toBoardLine);
}

export type AnsweredSurvey = Survey & { organisation_name: string; withdrawn_on: string | null };

/**
 * Every answered survey of the case, a structure that withdrew afterwards included (its answers
 * stay: they were given), with the day it left (« sortie le … »); by structure name.
 */
export async function answeredSurveys(db: Db, accompanimentId: string): Promise<AnsweredSurvey[]> {
  return db('satisfaction_surveys as s')
    .join('users as u', 'u.id', 's.answered_by')
    .join('organisations as o', 'o.id', 's.organisation_id')
    .leftJoin('accompaniment_beneficiaries as b', function () {
      this.on('b.accompaniment_id', '=', 's.accompaniment_id').andOn('b.organisation_id', '=', 's.organisation_id');
    })
    .where('s.accompaniment_id', accompanimentId)
    .orderBy('o.name')
    .select<AnsweredSurvey[]>(
      's.*',
      'u.name as answered_by_name',
      'o.name as organisation_name',
      db.raw(`case when b.status = 'withdrawn' then b.withdrawn_on end as withdrawn_on`),
    );
}

/** An active beneficiary of the case (the survey is only for them), or undefined. */
export function activeBeneficiary(db: Db, accompanimentId: string, organisationId: string) {
  return db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .where({ 'b.accompaniment_id': accompanimentId, 'b.organisation_id': organisationId, 'b.status': 'active' })
    .first<{ organisation_id: string; name: string } | undefined>('b.organisation_id', 'o.name');
}

export function findSurvey(db: Db | Trx, accompanimentId: string, organisationId: string) {
  return db('satisfaction_surveys as s')
    .join('users as u', 'u.id', 's.answered_by')
    .where({ 's.accompaniment_id': accompanimentId, 's.organisation_id': organisationId })
    .first<Survey | undefined>('s.*', 'u.name as answered_by_name');
}

/** The surveys of several structures of the case, in one query and in the order of organisationIds. */
export async function findSurveys(db: Db | Trx, accompanimentId: string, organisationIds: string[]): Promise<Survey[]> {
  if (!organisationIds.length) return [];
  const rows = await db('satisfaction_surveys as s')
    .join('users as u', 'u.id', 's.answered_by')
    .where('s.accompaniment_id', accompanimentId)
    .whereIn('s.organisation_id', organisationIds)
    .select<Survey[]>('s.*', 'u.name as answered_by_name');
  const byOrganisation = new Map(rows.map((r) => [r.organisation_id, r]));
  return organisationIds.flatMap((id) => byOrganisation.get(id) ?? []);
}

/**
 * Records a structure's answers. A first answer is an insert (lost if another one came first);
 * a change applies only to the version being edited. Returns false on a conflict.
 */
export async function saveSurvey(
  trx: Trx,
  ids: { accompanimentId: string; organisationId: string; userId: string; onBehalf: boolean },
  input: SurveyInput,
  lockVersion: number | null,
) {
  const row = { ...input, answered_by: ids.userId, on_behalf: ids.onBehalf };
  if (lockVersion === null) {
    const inserted = await trx('satisfaction_surveys')
      .insert({ ...row, accompaniment_id: ids.accompanimentId, organisation_id: ids.organisationId })
      .onConflict(['accompaniment_id', 'organisation_id'])
      .ignore()
      .returning<{ id: string }[]>('id');
    return inserted.length === 1;
  }
  const n = await trx('satisfaction_surveys')
    .where({ accompaniment_id: ids.accompanimentId, organisation_id: ids.organisationId, lock_version: lockVersion })
    .update({ ...row, lock_version: lockVersion + 1, updated_at: trx.fn.now() });
  return n === 1;
}

export type Averages = { count: number } & Record<(typeof CRITERIA)[number], number | null>;

/** Average score per criterion over the structures' answers (what providers and funders see). */
export async function surveyAverages(db: Db, accompanimentId: string): Promise<Averages> {
  const row = await db('satisfaction_surveys')
    .where({ accompaniment_id: accompanimentId })
    .first<Averages>(
      db.raw('count(*)::int as count'),
      ...CRITERIA.map((c) => db.raw(`round(avg(${c}), 1)::float as ${c}`)),
    );
  return row;
}

export type ObjectiveResult = {
  id: string;
  theme: string;
  aim: string;
  result: ResultValue | null;
  comment: string | null;
};

export const objectivesWithResultsQuery = (db: Db | Trx, accompanimentId: string) =>
  db('diagnostic_objectives as o')
    .leftJoin('objective_results as r', 'r.objective_id', 'o.id')
    .where('o.accompaniment_id', accompanimentId)
    .orderBy([{ column: 'o.position' }, { column: 'o.id' }])
    .select('o.id', 'o.theme', 'o.aim', 'r.result', 'r.comment');

export async function objectivesWithResults(db: Db | Trx, accompanimentId: string): Promise<ObjectiveResult[]> {
  return (await objectivesWithResultsQuery(db, accompanimentId)) as ObjectiveResult[];
}

export async function loadCloseOut(db: Db | Trx, accompanimentId: string) {
  const row = await db<CloseOutsRow>('close_outs')
    .where({ accompaniment_id: accompanimentId })
    .first('new_needs', 'lock_version');
  return { new_needs: row?.new_needs ?? [], lock_version: Number(row?.lock_version ?? 0) };
}

/**
 * Saves the results per objective and the new needs together, against the version of the
 * close-out the user was editing. A blank result removes a result recorded earlier.
 */
export async function saveResults(
  trx: Trx,
  accompanimentId: string,
  lockVersion: number,
  data: { results: { objectiveId: string; result: ResultValue | null; comment: string | null }[]; newNeeds: string[] },
  userId: string,
) {
  await trx('close_outs').insert({ accompaniment_id: accompanimentId }).onConflict('accompaniment_id').ignore();
  const n = await trx('close_outs')
    .where({ accompaniment_id: accompanimentId, lock_version: lockVersion })
    .update({ new_needs: data.newNeeds, lock_version: lockVersion + 1, updated_by: userId, updated_at: trx.fn.now() });
  if (n !== 1) return false;
  for (const r of data.results) {
    if (!r.result) {
      await trx('objective_results').where({ objective_id: r.objectiveId, accompaniment_id: accompanimentId }).del();
      continue;
    }
    await trx('objective_results')
      .insert({
        objective_id: r.objectiveId,
        accompaniment_id: accompanimentId,
        result: r.result,
        comment: r.comment,
        recorded_by: userId,
      })
      .onConflict('objective_id')
      .merge(['result', 'comment', 'recorded_by', 'updated_at']);
  }
  return true;
}
