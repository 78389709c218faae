/**
 * What the parcours page reads beside the parcours and its actions (queries.ts): the log of their
 * moves, the comité d'appui's items, the request it was opened from, the cases it may share a
 * diagnostic with or is not yet linked to, its recorded checkpoints.
 */
import type { Db } from '../platform/db';
import type { Pathway } from './queries';

export type PathwayLogEntry = {
  what: 'pathway' | 'action';
  action_id: string | null;
  title: string | null;
  event: string;
  from_status: string | null;
  to_status: string;
  happened_on: string;
  reason: string | null;
  actor_name: string | null;
};

/** Every move of the parcours and of its actions, by the day it happened. */
export async function pathwayLog(db: Db, pathwayId: string): Promise<PathwayLogEntry[]> {
  const { rows } = await db.raw<{ rows: PathwayLogEntry[] }>(
    `select * from (
       select 'pathway' as what, null::text as action_id, null::text as title, t.event, t.from_status, t.to_status,
              t.happened_on, t.reason, u.name as actor_name, t.at, t.id
         from pathway_transitions t left join users u on u.id = t.actor_id where t.pathway_id = ?
       union all
       select 'action', x.id::text, x.title, t.event, t.from_status, t.to_status, t.happened_on, t.reason, u.name, t.at, t.id
         from pathway_action_transitions t join pathway_actions x on x.id = t.pathway_action_id
         left join users u on u.id = t.actor_id where x.pathway_id = ?) l
     order by happened_on, at, id`,
    [pathwayId, pathwayId],
  );
  return rows;
}

export type CommitteeItem = {
  id: string;
  meeting_id: string;
  meets_on: string;
  subject: string;
  summary: string;
  opinion: string | null;
  opinion_comment: string | null;
  opinion_on: string | null;
  accompaniment_id: string | null;
};

/** The comité d'appui's items about this parcours (read only: support-committee/ writes them). */
export function committeeItems(db: Db, pathwayId: string): Promise<CommitteeItem[]> {
  return db('support_committee_items as i')
    .join('support_committee_meetings as m', 'm.id', 'i.meeting_id')
    .where('i.pathway_id', pathwayId)
    .whereNot('m.status', 'cancelled')
    .orderBy([{ column: 'm.meets_on' }, { column: 'i.position' }, { column: 'i.id' }])
    .select(
      db.raw('i.id::text as id'),
      db.raw('m.id::text as meeting_id'),
      'm.meets_on',
      'i.subject',
      'i.summary',
      'i.opinion',
      'i.opinion_comment',
      'i.opinion_on',
      db.raw('i.accompaniment_id::text as accompaniment_id'),
    );
}

/** The request the parcours was opened from, if any. */
export function intakeRequestOf(db: Db, p: Pathway) {
  if (!p.intake_request_id) return Promise.resolve(null);
  return db('intake_requests')
    .where({ id: p.intake_request_id })
    .first(db.raw('id::text as id'), 'received_on', 'channel', 'referred_by', 'need')
    .then(
      (r: { id: string; received_on: string; channel: string; referred_by: string | null; need: string } | undefined) =>
        r ?? null,
    );
}

/** The collective cases of the structure in this parcours that have a diagnostic (its part of a collective diagnostic). */
export function sharedDiagnosticChoices(
  db: Db,
  pathwayId: string,
): Promise<{ id: string; title: string; written_on: string | null }[]> {
  return db('pathway_actions as x')
    .join('accompaniments as a', 'a.id', 'x.accompaniment_id')
    .join('diagnostics as d', 'd.accompaniment_id', 'a.id')
    .where({ 'x.pathway_id': pathwayId, 'a.kind': 'collective' })
    .orderBy([{ column: 'a.intake_on', order: 'desc' }, { column: 'a.id' }])
    .select(db.raw('a.id::text as id'), 'a.title', 'd.written_on');
}

/** The structure's cases at the operator not yet in its parcours (normally none: joining a case adds it). */
export function unlinkedCases(db: Db, p: Pathway): Promise<{ id: string; title: string }[]> {
  return db('accompaniments as a')
    .join('accompaniment_beneficiaries as b', 'b.accompaniment_id', 'a.id')
    .where({ 'a.operator_id': p.operator_id, 'b.organisation_id': p.organisation_id })
    .whereNotExists(db('pathway_actions as x').whereRaw('x.accompaniment_id = a.id').where('x.pathway_id', p.id))
    .orderBy('a.intake_on')
    .select(db.raw('a.id::text as id'), 'a.title');
}

export type Checkpoint = {
  offset_months: number;
  due_on: string;
  held_on: string | null;
  employees: number | null;
  employees_in_insertion: number | null;
  notes: string | null;
};

/** The checkpoints recorded on the parcours. */
export function recordedCheckpoints(db: Db, pathwayId: string): Promise<Checkpoint[]> {
  return db('pathway_checkpoints')
    .where({ pathway_id: pathwayId })
    .orderBy('offset_months')
    .select('offset_months', 'due_on', 'held_on', 'employees', 'employees_in_insertion', 'notes');
}

/** The title of the collective case whose diagnostic the parcours shares. */
export function caseTitle(db: Db, id: string | null): Promise<string | null> {
  if (!id) return Promise.resolve(null);
  return db('accompaniments')
    .where({ id })
    .first('title')
    .then((r: { title: string } | undefined) => r?.title ?? null);
}
