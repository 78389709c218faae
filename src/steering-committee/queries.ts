import type { Db, Rows, Trx } from '../platform/db';
import type { Participant } from './participants';
import { MEMBER_ROLES, type MemberRole } from './schemas';
import type { SteeringCommitteeMembersRow } from '../platform/db-tables';
import type { Id } from '../platform/id';

/** A person on a committee or in a group, with where they come from and whether their structure left. */
export type ParticipantRow = {
  id: string;
  user_id: string | null;
  contact_id: string | null;
  name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  organisation_kind: string | null;
  beneficiary_status: 'active' | 'withdrawn' | null;
  withdrawn_on: string | null;
};
export type MemberRow = ParticipantRow & { role: MemberRole };

export type OrganisationGroup<T extends ParticipantRow> = {
  key: string;
  organisation_id: string | null;
  organisation_name: string | null;
  organisation_kind: string | null;
  withdrawn: boolean;
  withdrawn_on: string | null;
  members: T[];
};

/** The columns shared by committee members, group members and attendees (see the migration). */
export function participantSelect(db: Db | Trx, table: string) {
  return [
    `${table}.id`,
    `${table}.user_id`,
    `${table}.contact_id`,
    `${table}.name`,
    `${table}.organisation_id`,
    db.raw(`coalesce(o.name, ${table}.organisation_name) as organisation_name`),
    'o.kind as organisation_kind',
    'b.status as beneficiary_status',
    'b.withdrawn_on',
  ];
}

export function listMembers(db: Db | Trx, accompanimentId: string): Promise<MemberRow[]> {
  return db('steering_committee_members as m')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('accompaniment_beneficiaries as b', function () {
      this.on('b.organisation_id', '=', 'm.organisation_id').andOn('b.accompaniment_id', '=', 'm.accompaniment_id');
    })
    .where('m.accompaniment_id', accompanimentId)
    .orderBy('m.id')
    .select(...participantSelect(db, 'm'), 'm.role');
}

const KIND_ORDER: Record<string, number> = { structure: 0, operator: 1, provider: 2 };

/**
 * People grouped by organisation: the beneficiary structures first (by name), then the DLA
 * operator, then the provider, then anyone else; inside each, by role then name.
 */
export function groupByOrganisation<T extends ParticipantRow & { role?: string }>(rows: T[]): OrganisationGroup<T>[] {
  const groups = new Map<string, OrganisationGroup<T>>();
  for (const r of rows) {
    const key = r.organisation_id ? `id:${r.organisation_id}` : `name:${(r.organisation_name ?? '').toLowerCase()}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        organisation_id: r.organisation_id || null,
        organisation_name: r.organisation_name,
        organisation_kind: r.organisation_kind,
        withdrawn: r.beneficiary_status === 'withdrawn',
        withdrawn_on: r.withdrawn_on,
        members: [],
      };
      groups.set(key, g);
    }
    g.members.push(r);
  }
  const roleIndex = (r: T) => (r.role ? MEMBER_ROLES.indexOf(r.role as MemberRole) : 0);
  const list = [...groups.values()];
  for (const g of list) g.members.sort((a, b) => roleIndex(a) - roleIndex(b) || a.name.localeCompare(b.name, 'fr'));
  return list.sort(
    (a, b) =>
      (KIND_ORDER[a.organisation_kind ?? ''] ?? 3) - (KIND_ORDER[b.organisation_kind ?? ''] ?? 3) ||
      (a.organisation_name ?? '').localeCompare(b.organisation_name ?? '', 'fr'),
  );
}

/** What funders see: how many people, in which roles (no names). */
export function compositionByRole(members: { role: MemberRole }[]) {
  return MEMBER_ROLES.map((role) => ({ role, count: members.filter((m) => m.role === role).length })).filter(
    (c) => c.count > 0,
  );
}

export async function insertMember(trx: Trx, accompanimentId: string, p: Participant, role: MemberRole) {
  const [row] = await trx('steering_committee_members')
    .insert({
      accompaniment_id: accompanimentId,
      user_id: p.user_id,
      contact_id: p.contact_id,
      name: p.name,
      organisation_id: p.organisation_id,
      organisation_name: p.organisation_name,
      role,
    })
    .returning<{ id: Id }[]>('id');
  return row.id;
}

/** Removes one member of this case's committee; answers who was removed, or null. */
export async function deleteMember(trx: Trx, accompanimentId: string, memberId: string) {
  const rows = await trx('steering_committee_members')
    .where({ id: memberId, accompaniment_id: accompanimentId })
    .delete()
    .returning<
      Pick<SteeringCommitteeMembersRow, 'id' | 'name' | 'role' | 'organisation_name' | 'user_id' | 'contact_id'>[]
    >(['id', 'name', 'role', 'organisation_name', 'user_id', 'contact_id']);
  return rows[0] ?? null;
}

/**
 * Every contact of the case's structures still in it (withdrawn ones keep their people but get no
 * new ones) who is not yet on the committee, added with the role of their record, in one statement;
 * answers who was added. The case's row is locked first: two clicks at once add each person once.
 */
export async function insertStructureContacts(trx: Trx, accompanimentId: string) {
  await trx('accompaniments').where({ id: accompanimentId }).forUpdate().first('id');
  const { rows } = await trx.raw<Rows<Pick<SteeringCommitteeMembersRow, 'id' | 'name' | 'contact_id'>>>(
    `insert into steering_committee_members (accompaniment_id, contact_id, name, organisation_id, role)
     select b.accompaniment_id, c.id, c.name, c.organisation_id, c.role
       from accompaniment_beneficiaries b
       join structure_contacts c on c.organisation_id = b.organisation_id
      where b.accompaniment_id = ? and b.status = 'active'
        and not exists (select 1 from steering_committee_members m
                         where m.accompaniment_id = b.accompaniment_id and m.contact_id = c.id)
      order by c.organisation_id, c.id
     returning id, name, contact_id`,
    [accompanimentId],
  );
  return rows;
}
