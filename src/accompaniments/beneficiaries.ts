/**
 * A case's structures as the pages list them, and the structures offered to add. Their joining,
 * leaving and coming back (the membership's status and its history): beneficiary-lifecycle.ts.
 */
import type { Db, Trx } from '../platform/db';
import type { OrganisationsRow } from '../platform/db-tables';
import type { MembershipStatus } from './beneficiary-lifecycle';

export type Beneficiary = {
  organisation_id: string;
  name: string;
  siae_type: string | null;
  employees: number | null;
  employees_in_insertion: number | null;
  status: MembershipStatus;
  joined_on: string | null;
  withdrawn_on: string | null;
  withdrawal_reasons: string | null;
  may_rejoin: string | null;
};

export function listBeneficiaries(db: Db | Trx, accompanimentId: string) {
  return db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .leftJoin('structures as s', 's.organisation_id', 'b.organisation_id')
    .where('b.accompaniment_id', accompanimentId)
    .orderBy([{ column: 'b.status' }, { column: 'o.name' }])
    .select<Beneficiary[]>(
      'b.organisation_id',
      'o.name',
      's.siae_type',
      's.employees',
      's.employees_in_insertion',
      'b.status',
      'b.joined_on',
      'b.withdrawn_on',
      'b.withdrawal_reasons',
      'b.may_rejoin',
    );
}

/**
 * Structures offered to add to a case. With the case's département, only that département's
 * structures and those with none recorded: a national instance has 20,000 structures, and a
 * select of all of them made the accompaniment page 1.4 MB (BENCHMARKS.md). A structure
 * elsewhere is found through its own page (or created) like any other.
 */
export function structureChoices(db: Db, department?: string | null) {
  const q = db('organisations')
    .where({ kind: 'structure', active: true })
    .orderBy('name')
    .select<Pick<OrganisationsRow, 'id' | 'name' | 'department'>[]>('id', 'name', 'department');
  if (department) q.where((w) => w.where('department', department).orWhereNull('department'));
  return q;
}
