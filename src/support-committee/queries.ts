import type { Request } from 'express';
import type { SessionUser } from '../platform/auth/session-user';
import { currentUser, isId } from '../platform/auth/guards';
import type { Db, Trx } from '../platform/db';
import type { Deps } from '../platform/deps';
import type { Id } from '../platform/id';
import { notFound } from '../platform/errors';
import { read } from '../platform/read-together';
import type { Opinion } from './gate';
import type { MeetingStatus } from './lifecycle';
import { scopeMeetings } from './scope';

export type Meeting = {
  id: string;
  operator_id: string;
  operator_name: string;
  meets_on: string;
  location: string | null;
  status: MeetingStatus;
  minutes: string | null;
  lock_version: number;
};

export type Item = {
  id: string;
  meeting_id: string;
  pathway_id: string;
  organisation_id: string;
  structure_name: string;
  subject: 'diagnostic' | 'plan' | 'terms_of_reference';
  accompaniment_id: string | null;
  accompaniment_title: string | null;
  summary: string;
  position: number;
  opinion: Opinion | null;
  opinion_comment: string | null;
  opinion_on: string | null;
  opinion_by_name: string | null;
};

export type Member = {
  id: string;
  operator_id: string;
  name: string;
  email: string | null;
  member_kind: string;
  organisation_id: string | null;
  organisation_name: string | null;
  known_organisation_name: string | null;
  user_id: string | null;
  user_name: string | null;
  user_email: string | null;
  active: boolean;
};

const MEETING_COLUMNS = [
  'm.id',
  'm.operator_id',
  'o.name as operator_name',
  'm.meets_on',
  'm.location',
  'm.status',
  'm.minutes',
  'm.lock_version',
];

/** The meetings a user sees (scope.ts), latest first, with how many items and opinions each has. */
export async function listMeetings(db: Db, user: SessionUser) {
  const q = db('support_committee_meetings as m')
    .join('organisations as o', 'o.id', 'm.operator_id')
    .select(
      ...MEETING_COLUMNS,
      db.raw('(select count(*) from support_committee_items i where i.meeting_id = m.id)::int as items'),
      db.raw(
        '(select count(*) from support_committee_items i where i.meeting_id = m.id and i.opinion is not null)::int as opinions',
      ),
    )
    .orderBy([
      { column: 'm.meets_on', order: 'desc' },
      { column: 'm.id', order: 'desc' },
    ])
    .limit(500);
  return (await scopeMeetings(db, user, q)) as (Meeting & { items: number; opinions: number })[];
}

/** Loads the meeting of `req.params.id` through the user's scope (404 out of scope). */
export async function loadMeeting(deps: Pick<Deps, 'db'>, req: Request): Promise<Meeting> {
  const id = req.params.id;
  if (!isId(id)) throw notFound();
  const q = deps
    .db('support_committee_meetings as m')
    .join('organisations as o', 'o.id', 'm.operator_id')
    .where('m.id', id)
    .first(...MEETING_COLUMNS);
  const row = (await scopeMeetings(deps.db, currentUser(req), q)) as Meeting | undefined;
  if (!row) throw notFound();
  return row;
}

/** The agenda of a meeting, in its order, with each item's structure, consultancy and opinion. */
export async function meetingItems(db: Db | Trx, meetingId: string): Promise<Item[]> {
  return db('support_committee_items as i')
    .join('pathways as p', 'p.id', 'i.pathway_id')
    .join('organisations as s', 's.id', 'p.organisation_id')
    .leftJoin('accompaniments as a', 'a.id', 'i.accompaniment_id')
    .leftJoin('users as u', 'u.id', 'i.opinion_by')
    .where('i.meeting_id', meetingId)
    .orderBy([{ column: 'i.position' }, { column: 'i.id' }])
    .select<Item[]>(
      'i.id',
      'i.meeting_id',
      'i.pathway_id',
      'p.organisation_id',
      's.name as structure_name',
      'i.subject',
      'i.accompaniment_id',
      'a.title as accompaniment_title',
      'i.summary',
      'i.position',
      'i.opinion',
      'i.opinion_comment',
      'i.opinion_on',
      'u.name as opinion_by_name',
    );
}

/** One item of a meeting (404 when it is not on this meeting's agenda). */
export async function findItem(db: Db | Trx, meetingId: string, itemId: unknown) {
  if (!isId(itemId)) throw notFound();
  const item = (await meetingItems(db, meetingId)).find((i) => i.id === itemId);
  if (!item) throw notFound();
  return item;
}

/** The meeting's moves, oldest first, with who made them. */
export const meetingLog = (db: Db, meetingId: string) =>
  db('support_committee_meeting_transitions as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .where('t.meeting_id', meetingId)
    .orderBy('t.id')
    .select('t.event', 't.from_status', 't.to_status', 't.happened_on', 't.reason', 't.at', 'u.name as actor_name');

/** The committee of an operator: its members, active ones first. */
export async function listMembers(db: Db | Trx, operatorId: string): Promise<Member[]> {
  return db('support_committee_members as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .where('c.operator_id', operatorId)
    .orderBy([{ column: 'c.active', order: 'desc' }, { column: 'c.name' }, { column: 'c.id' }])
    .select<Member[]>(
      'c.id',
      'c.operator_id',
      'c.name',
      'c.email',
      'c.member_kind',
      'c.organisation_id',
      'c.organisation_name',
      'o.name as known_organisation_name',
      'c.user_id',
      'u.name as user_name',
      'u.email as user_email',
      'c.active',
    );
}

export async function findMember(db: Db, operatorId: string, memberId: unknown) {
  if (!isId(memberId)) throw notFound();
  const member = (await listMembers(db, operatorId)).find((m) => m.id === memberId);
  if (!member) throw notFound();
  return member;
}

/**
 * What the member form offers: the organisations Jalons knows (funders, relays, operators: not the
 * accompanied structures, not providers) and the accounts that may be linked (funders', relays',
 * operators' people: providers and beneficiaries never see a committee).
 */
export async function memberChoices(db: Db) {
  const [organisations, users] = await Promise.all([
    db('organisations')
      .whereIn('kind', ['funder', 'relay', 'operator'])
      .orderBy('name')
      .select<{ id: Id; name: string; kind: string }[]>('id', 'name', 'kind'),
    db('users as u')
      .join('organisations as o', 'o.id', 'u.organisation_id')
      .whereIn('u.role', ['funder', 'relay', 'admin', 'manager', 'coordinator'])
      .whereNot('u.status', 'disabled')
      .orderBy('u.name')
      .select<{ id: Id; name: string; email: string; organisation_name: string }[]>(
        'u.id',
        'u.name',
        'u.email',
        'o.name as organisation_name',
      ),
  ]);
  return { organisations, users };
}

/**
 * What the agenda form offers: the operator's parcours (by structure) and its consultancies that
 * are not over (the item may be about one of them).
 */
export async function itemChoices(db: Db, operatorId: string) {
  const [pathways, accompaniments] = await Promise.all([
    db('pathways as p')
      .join('organisations as s', 's.id', 'p.organisation_id')
      .where('p.operator_id', operatorId)
      .orderBy([{ column: 's.name' }, { column: 'p.id' }])
      .select<{ id: Id; name: string; status: string }[]>('p.id', 's.name', 'p.status'),
    db('accompaniments')
      .where('operator_id', operatorId)
      .whereNotIn('state', ['closed', 'abandoned', 'referred'])
      .orderBy([{ column: 'title' }, { column: 'id' }])
      .select<{ id: Id; title: string }[]>('id', 'title'),
  ]);
  return { pathways, accompaniments };
}

/** Home panel of an outside member: the meetings of the committees they sit on, latest first. */
export type PanelRow = { id: string; meets_on: string; status: MeetingStatus; operator_name: string; items: number };
export const panelRead = (db: Db, user: SessionUser) =>
  read<PanelRow>(
    db('support_committee_meetings as m')
      .join('organisations as o', 'o.id', 'm.operator_id')
      .whereExists(
        db('support_committee_members as c')
          .whereRaw('c.operator_id = m.operator_id')
          .where({ 'c.user_id': user.id, 'c.active': true }),
      )
      .orderBy([
        { column: 'm.meets_on', order: 'desc' },
        { column: 'm.id', order: 'desc' },
      ])
      .limit(5)
      .select(
        'm.id',
        'm.meets_on',
        'm.status',
        'o.name as operator_name',
        db.raw('(select count(*) from support_committee_items i where i.meeting_id = m.id)::int as items'),
      ),
    { bigints: ['id'] },
  );
