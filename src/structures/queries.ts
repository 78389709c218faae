import type { Knex } from 'knex';
import { scopeAccompaniments } from '../accompaniments/scope';
import type { State } from '../accompaniments/states';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import { paginate } from '../platform/pagination';
import { ContactInput, SiaeType, splitStructure, StructureInput } from './schemas';
import { scopeStructures } from './scope';
import { saveAtVersion } from '../platform/locking';
import type { Id } from '../platform/id';

export type Structure = {
  id: string;
  name: string;
  siret: string | null;
  department: string | null;
  email: string | null;
  active: boolean;
  legal_form: string | null;
  siae_type: SiaeType | null;
  taxable: boolean | null;
  activities: string[] | null;
  sector: string | null;
  employees: number | null;
  employees_in_insertion: number | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  networks: string[] | null;
  /** The organisation row's: the structure form and the organisation form edit the same record. */
  lock_version: number;
};

export type StructureRow = Pick<
  Structure,
  'id' | 'name' | 'siret' | 'department' | 'siae_type' | 'employees' | 'employees_in_insertion'
> & {
  accompaniment_count: string;
};

export type Contact = { id: string; name: string; role: string; email: string | null; phone: string | null };

export type StructureAccompaniment = {
  id: string;
  title: string;
  state: State;
  operator_name: string;
  status: 'active' | 'withdrawn';
  joined_on: string | null;
  withdrawn_on: string | null;
};

/**
 * Structures are organisations of kind 'structure'; the structures row with the DLA's details
 * may be missing for one created from the organisations admin, hence the left join.
 */
function structures(db: Db) {
  return db('organisations as o').leftJoin('structures as s', 's.organisation_id', 'o.id').where('o.kind', 'structure');
}

export function findStructure(db: Db, user: SessionUser, id: string) {
  const q = structures(db)
    .where('o.id', id)
    .first<Structure | undefined>(
      'o.id',
      'o.name',
      'o.siret',
      'o.department',
      'o.email',
      'o.active',
      's.legal_form',
      's.siae_type',
      's.taxable',
      's.activities',
      's.sector',
      's.employees',
      's.employees_in_insertion',
      's.address',
      's.postcode',
      's.city',
      's.networks',
      'o.lock_version',
    );
  return scopeStructures(db, user, q);
}

/** 'none' looks for the structures that are not SIAE. */
export type StructureFilters = { q?: string; siae_type?: SiaeType | 'none'; department?: string };

const likeEscape = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export function listStructures(db: Db, user: SessionUser, f: StructureFilters, page: number, size = 25) {
  // Only the accompaniments the reader may see are counted.
  const count = db('accompaniment_beneficiaries as cb')
    .join('accompaniments as ca', 'ca.id', 'cb.accompaniment_id')
    .whereRaw('cb.organisation_id = o.id')
    .count('*');
  scopeAccompaniments(db, user, count, 'ca');
  const q = structures(db)
    .select(
      'o.id',
      'o.name',
      'o.siret',
      'o.department',
      's.siae_type',
      's.employees',
      's.employees_in_insertion',
      count.as('accompaniment_count'),
    )
    .orderBy([{ column: 'o.name' }, { column: 'o.id' }]);
  scopeStructures(db, user, q);
  if (f.q) {
    const digits = f.q.replace(/[\s.]/g, '');
    q.where((w) => {
      w.whereILike('o.name', `%${likeEscape(f.q!)}%`);
      if (/^\d{3,14}$/.test(digits)) w.orWhere('o.siret', 'like', `${digits}%`);
    });
  }
  if (f.siae_type === 'none') q.whereNull('s.siae_type');
  else if (f.siae_type) q.where('s.siae_type', f.siae_type);
  if (f.department) q.where('o.department', f.department);
  return paginate<StructureRow>(q, page, size);
}

/** Who else already holds this name or SIRET, for a clear message before the database refuses. */
export async function duplicates(db: Db, input: Pick<StructureInput, 'name' | 'siret'>, exceptId?: string) {
  const others = (q: Knex.QueryBuilder) => (exceptId ? q.whereNot('id', exceptId) : q);
  const [siret, name] = await Promise.all([
    input.siret
      ? others(db('organisations').where('siret', input.siret)).first<{ id: Id } | undefined>('id')
      : Promise.resolve(undefined),
    others(db('organisations').where('kind', 'structure').whereRaw('lower(name) = lower(?)', [input.name])).first<
      { id: Id } | undefined
    >('id'),
  ]);
  return { siret: Boolean(siret), name: Boolean(name) };
}

/** One write for the organisation and its structures row. */
export async function insertStructure(trx: Trx, input: StructureInput) {
  const { organisation, details } = splitStructure(input);
  const [row] = await trx('organisations')
    .insert({ ...organisation, kind: 'structure' })
    .returning<{ id: Id }[]>('id');
  const id = row.id;
  await trx('structures').insert({ ...details, organisation_id: id });
  return id;
}

/**
 * Optimistic locking on the organisation row, which every save of the structure goes through:
 * false (nothing written) when someone saved this structure, or its organisation, in between.
 */
export async function updateStructure(trx: Trx, id: string, lockVersion: number, input: StructureInput) {
  const { organisation, details } = splitStructure(input);
  if (
    !(await saveAtVersion(trx, 'organisations', { id, kind: 'structure' }, lockVersion, {
      ...organisation,
      updated_at: trx.fn.now(),
    }))
  )
    return false;
  await trx('structures')
    .insert({ ...details, organisation_id: id })
    .onConflict('organisation_id')
    .merge({ ...details, updated_at: trx.fn.now() });
  return true;
}

export function structureContacts(db: Db, organisationId: string) {
  return db('structure_contacts')
    .where({ organisation_id: organisationId })
    .orderBy([{ column: 'name' }, { column: 'id' }])
    .select<Contact[]>('id', 'name', 'role', 'email', 'phone');
}

export async function insertContact(trx: Trx, organisationId: string, input: ContactInput) {
  const [row] = await trx('structure_contacts')
    .insert({ ...input, organisation_id: organisationId })
    .returning<{ id: Id }[]>('id');
  return row.id;
}

/** Deletes the contact of this structure, returning it; undefined when there is none. */
export async function deleteContact(trx: Trx, organisationId: string, contactId: string) {
  const [row] = await trx('structure_contacts')
    .where({ id: contactId, organisation_id: organisationId })
    .del()
    .returning<Contact[]>(['id', 'name', 'role']);
  return row;
}

/** The accompaniments the structure takes part in, among those the reader may see. */
export function structureAccompaniments(db: Db, user: SessionUser, organisationId: string) {
  const q = db('accompaniment_beneficiaries as b')
    .join('accompaniments as a', 'a.id', 'b.accompaniment_id')
    .join('organisations as op', 'op.id', 'a.operator_id')
    .where('b.organisation_id', organisationId)
    .orderBy([
      { column: 'a.intake_on', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ])
    .select<StructureAccompaniment[]>(
      'a.id',
      'a.title',
      'a.state',
      'op.name as operator_name',
      'b.status',
      'b.joined_on',
      'b.withdrawn_on',
    );
  return scopeAccompaniments(db, user, q, 'a');
}
