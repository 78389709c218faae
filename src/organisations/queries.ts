import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import { paginate } from '../platform/pagination';
import type { OrganisationInput } from './schemas';
import { currentVersion, saveAtVersion } from '../platform/locking';
import type { Id } from '../platform/id';

export type Organisation = OrganisationInput & {
  id: string;
  active: boolean;
  lock_version: number;
  created_at: Date;
  user_count?: string;
};

/** The organisations a user may see at all: anything else is a 404. */
export function organisationsInScope(db: Db, user: SessionUser) {
  const q = db('organisations');
  return user.role === 'admin' ? q : q.where('id', user.organisation_id);
}

export function findOrganisation(db: Db, user: SessionUser, id: string) {
  return organisationsInScope(db, user).where({ id }).first<Organisation | undefined>();
}

export type OrganisationFilters = { kind?: string; q?: string };

export function listOrganisations(db: Db, user: SessionUser, f: OrganisationFilters, page: number) {
  const q = organisationsInScope(db, user)
    .select('organisations.*')
    .select(db.raw('(select count(*) from users u where u.organisation_id = organisations.id) as user_count'))
    .orderBy([{ column: 'kind' }, { column: 'name' }]);
  if (f.kind) q.where('kind', f.kind);
  if (f.q) q.whereILike('name', `%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
  return paginate<Organisation>(q, page);
}

export async function insertOrganisation(trx: Trx, input: OrganisationInput) {
  const [row] = await trx('organisations').insert(input).returning<{ id: Id }[]>('id');
  return row.id;
}

/** Optimistic locking: applies only to the version the form showed; false when someone saved in between. */
export const updateOrganisation = (trx: Trx, id: string, lockVersion: number, input: OrganisationInput) =>
  saveAtVersion(trx, 'organisations', { id }, lockVersion, { ...input, updated_at: trx.fn.now() });

/** The version a conflict page offers to save against (the organisation and structure forms share it). */
export const organisationLockVersion = (db: Db, id: string) => currentVersion(db, 'organisations', { id });

export function organisationMembers(db: Db, organisationId: string) {
  return db('users')
    .where({ organisation_id: organisationId })
    .orderBy('name')
    .select('id', 'name', 'email', 'role', 'status', 'last_login_at');
}
