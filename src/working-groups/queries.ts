import type { Request } from 'express';
import { scopeAccompaniments } from '../accompaniments/scope';
import { onlySeen, seenBy, THINGS } from '../accompaniments/withdrawn';
import { currentUser, isId } from '../platform/auth/guards';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import type { Participant } from '../steering-committee/participants';
import { participantSelect, type ParticipantRow } from '../steering-committee/queries';
import type { GroupInput } from './schemas';
import { currentVersion, saveAtVersion } from '../platform/locking';
import type { WorkingGroupMembersRow } from '../platform/db-tables';
import type { Id } from '../platform/id';

export type WorkingGroup = {
  id: string;
  accompaniment_id: string;
  accompaniment_title: string;
  operator_id: string;
  theme: string;
  name: string;
  aim: string | null;
  lock_version: number;
};

export type GroupStructure = {
  working_group_id: string;
  organisation_id: string;
  name: string;
  status: 'active' | 'withdrawn' | null;
  withdrawn_on: string | null;
};

export type GroupListRow = {
  id: string;
  theme: string;
  name: string;
  aim: string | null;
  member_count: number;
  session_count: number;
  structures: GroupStructure[];
};

/**
 * A working group is visible exactly when its accompaniment is (same scope, same 404), except to a
 * structure that left the case before it and is not one of its members (accompaniments/withdrawn.ts).
 */
export function findGroupInScope(db: Db, user: SessionUser, id: string) {
  const q = db('working_groups as g')
    .join('accompaniments as a', 'a.id', 'g.accompaniment_id')
    .where('g.id', id)
    .first<WorkingGroup | undefined>(
      'g.id',
      'g.accompaniment_id',
      'a.title as accompaniment_title',
      'a.operator_id',
      'g.theme',
      'g.name',
      'g.aim',
      'g.lock_version',
    );
  return scopeAccompaniments(db, user, onlySeen(q, user, THINGS.workingGroup('g')), 'a');
}

export async function loadWorkingGroup(deps: Deps, req: Request): Promise<WorkingGroup> {
  if (!isId(req.params.id)) throw notFound();
  const group = await findGroupInScope(deps.db, currentUser(req), req.params.id);
  if (!group) throw notFound();
  return group;
}

/**
 * A group's structures with their standing in the case (withdrawn ones are marked), as a JSON list
 * correlated on `g` (a working_groups row): ids as text like the pg driver's bigints, by name.
 */
const STRUCTURES_JSON = `coalesce((select json_agg(json_build_object('working_group_id', ws.working_group_id::text, 'organisation_id', ws.organisation_id::text,
                                                     'name', o.name, 'status', b.status, 'withdrawn_on', b.withdrawn_on) order by o.name)
                     from working_group_structures ws
                     join organisations o on o.id = ws.organisation_id
                     left join accompaniment_beneficiaries b on b.organisation_id = ws.organisation_id and b.accompaniment_id = g.accompaniment_id
                    where ws.working_group_id = g.id), '[]')`;

/**
 * The case's groups, by theme then name, with their counts and structures, in one statement (a
 * second round trip for the structures cost more than the read itself on the case page).
 */
export async function listGroups(db: Db | Trx, accompanimentId: string, reader?: SessionUser): Promise<GroupListRow[]> {
  // Given its reader, only the groups it sees (a structure that left: accompaniments/withdrawn.ts).
  const seen = reader ? seenBy(reader, THINGS.workingGroup('g')) : { sql: 'true', bindings: [] };
  const rows = await db('working_groups as g')
    .where('g.accompaniment_id', accompanimentId)
    .whereRaw(seen.sql, seen.bindings)
    .orderBy([{ column: 'g.theme' }, { column: 'g.name' }, { column: 'g.id' }])
    .select<GroupListRow[]>(
      'g.id',
      'g.theme',
      'g.name',
      'g.aim',
      db.raw('(select count(*) from working_group_members m where m.working_group_id = g.id)::int as member_count'),
      db.raw('(select count(*) from sessions s where s.working_group_id = g.id)::int as session_count'),
      db.raw(`${STRUCTURES_JSON} as structures`),
    );
  return rows.map((r) => ({
    ...r,
    member_count: Number(r.member_count),
    session_count: Number(r.session_count),
  }));
}

export async function groupStructures(db: Db | Trx, group: { id: string }): Promise<GroupStructure[]> {
  const row = await db('working_groups as g')
    .where('g.id', group.id)
    .first<{ structures: GroupStructure[] } | undefined>(db.raw(`${STRUCTURES_JSON} as structures`));
  return row?.structures ?? [];
}

export function listGroupMembers(
  db: Db | Trx,
  group: { id: string; accompaniment_id: string },
): Promise<ParticipantRow[]> {
  return db('working_group_members as m')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('accompaniment_beneficiaries as b', function () {
      this.on('b.organisation_id', '=', 'm.organisation_id').andOnVal(
        'b.accompaniment_id',
        '=',
        group.accompaniment_id,
      );
    })
    .where('m.working_group_id', group.id)
    .orderBy('m.id')
    .select(...participantSelect(db, 'm'));
}

export type GroupSession = {
  id: string;
  type: string;
  title: string;
  theme: string | null;
  starts_at: Date;
  status: string;
  days_consumed: string;
};

/** The group's sessions, read from the sessions area's table (read-only here). */
export function groupSessions(db: Db | Trx, groupId: string, reader?: SessionUser): Promise<GroupSession[]> {
  const q = db('sessions as s')
    .where('s.working_group_id', groupId)
    .orderBy([{ column: 's.starts_at' }, { column: 's.id' }])
    .select('s.id', 's.type', 's.title', 's.theme', 's.starts_at', 's.status', 's.days_consumed');
  // Given its reader, only the sessions it sees (a structure that left: accompaniments/withdrawn.ts).
  return reader ? onlySeen(q, reader, THINGS.session('s')) : q;
}

export type GroupAction = {
  id: string;
  what: string;
  owner_name: string | null;
  owner_organisation_name: string | null;
  due_on: string | null;
  status: string;
};

/** The group's action items still open (read-only here: they are followed from the sessions). */
export function openActionItems(db: Db | Trx, groupId: string): Promise<GroupAction[]> {
  return db('action_items as ai')
    .leftJoin('organisations as o', 'o.id', 'ai.owner_organisation_id')
    .where('ai.working_group_id', groupId)
    .whereIn('ai.status', ['open', 'in_progress'])
    .orderByRaw('ai.due_on asc nulls last, ai.id asc')
    .select('ai.id', 'ai.what', 'ai.owner_name', 'o.name as owner_organisation_name', 'ai.due_on', 'ai.status');
}

export async function insertGroup(trx: Trx, accompanimentId: string, input: GroupInput) {
  const [row] = await trx('working_groups')
    .insert({ accompaniment_id: accompanimentId, theme: input.theme, name: input.name, aim: input.aim })
    .returning<{ id: Id }[]>('id');
  const id = row.id;
  if (input.structure_ids.length) {
    await trx('working_group_structures').insert(
      input.structure_ids.map((organisation_id) => ({ working_group_id: id, organisation_id })),
    );
  }
  return id;
}

/** Optimistic locking: applies only to the version the form showed; false, nothing written, when someone saved in between. */
export async function updateGroup(trx: Trx, groupId: string, lockVersion: number, input: GroupInput) {
  if (
    !(await saveAtVersion(trx, 'working_groups', { id: groupId }, lockVersion, {
      theme: input.theme,
      name: input.name,
      aim: input.aim,
    }))
  )
    return false;
  await trx('working_group_structures')
    .where({ working_group_id: groupId })
    .whereNotIn('organisation_id', input.structure_ids)
    .delete();
  if (input.structure_ids.length) {
    await trx('working_group_structures')
      .insert(input.structure_ids.map((organisation_id) => ({ working_group_id: groupId, organisation_id })))
      .onConflict(['working_group_id', 'organisation_id'])
      .ignore();
  }
  return true;
}

export const groupLockVersion = (db: Db, groupId: string) => currentVersion(db, 'working_groups', { id: groupId });

export async function insertGroupMember(trx: Trx, groupId: string, p: Participant) {
  const [row] = await trx('working_group_members')
    .insert({
      working_group_id: groupId,
      user_id: p.user_id,
      contact_id: p.contact_id,
      name: p.name,
      organisation_id: p.organisation_id,
      organisation_name: p.organisation_name,
    })
    .returning<{ id: Id }[]>('id');
  return row.id;
}

export async function deleteGroupMember(trx: Trx, groupId: string, memberId: string) {
  const rows = await trx('working_group_members')
    .where({ id: memberId, working_group_id: groupId })
    .delete()
    .returning<Pick<WorkingGroupMembersRow, 'id' | 'name'>[]>(['id', 'name']);
  return rows[0] ?? null;
}
