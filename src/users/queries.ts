import type { Role, SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import { paginate } from '../platform/pagination';
import type { UserInput } from './schemas';
import { currentVersion, saveAtVersion } from '../platform/locking';
import type { UserStatus } from './lifecycle';

export type UserRow = {
  id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_kind: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  locale: 'fr' | 'en';
  last_login_at: Date | null;
  created_at: Date;
  lock_version: number;
};

const columns = [
  'u.id',
  'u.organisation_id',
  'o.name as organisation_name',
  'o.kind as organisation_kind',
  'u.email',
  'u.name',
  'u.role',
  'u.status',
  'u.locale',
  'u.last_login_at',
  'u.created_at',
  'u.lock_version',
];

export function usersInScope(db: Db, user: SessionUser) {
  const q = db('users as u').join('organisations as o', 'o.id', 'u.organisation_id');
  return user.role === 'admin' ? q : q.where('u.organisation_id', user.organisation_id);
}

export function findUser(db: Db, viewer: SessionUser, id: string) {
  return usersInScope(db, viewer).where('u.id', id).first<UserRow | undefined>(columns);
}

export type UserFilters = { role?: string; status?: string; organisation_id?: string; q?: string };

export function listUsers(db: Db, viewer: SessionUser, f: UserFilters, page: number) {
  const q = usersInScope(db, viewer).select(columns).orderBy('u.name');
  if (f.role) q.where('u.role', f.role);
  if (f.status) q.where('u.status', f.status);
  if (f.organisation_id) q.where('u.organisation_id', f.organisation_id);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    q.where((w) => w.whereILike('u.name', like).orWhereILike('u.email', like));
  }
  return paginate<UserRow>(q, page);
}

/** Optimistic locking: applies only to the version the form showed; false when someone saved in between. */
export const updateUser = (trx: Trx, id: string, lockVersion: number, input: UserInput) =>
  saveAtVersion(trx, 'users', { id }, lockVersion, { ...input, updated_at: trx.fn.now() });

export const userLockVersion = (db: Db, id: string) => currentVersion(db, 'users', { id });

export function organisationChoices(db: Db) {
  return db('organisations').where({ active: true }).orderBy(['kind', 'name']).select('id', 'name', 'kind');
}
