import type { Db } from '../db';

export const ROLES = ['admin', 'manager', 'coordinator', 'provider', 'funder', 'relay', 'beneficiary'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = ['operator', 'provider', 'funder', 'relay', 'structure'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Which roles a user may hold in an organisation of each kind. */
export const ROLES_BY_KIND: Record<OrganisationKind, Role[]> = {
  operator: ['admin', 'manager', 'coordinator'],
  provider: ['provider'],
  funder: ['funder'],
  relay: ['relay'],
  structure: ['beneficiary'],
};

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: 'invited' | 'active' | 'disabled';
  locale: 'fr' | 'en';
  organisation_id: string;
  organisation_name: string;
  organisation_kind: OrganisationKind;
};

export function findSessionUser(db: Db, where: { id: string } | { email: string }) {
  const q = db('users as u')
    .join('organisations as o', 'o.id', 'u.organisation_id')
    .select<SessionUser & { password_hash: string | null }>(
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.status',
      'u.locale',
      'u.password_hash',
      'u.organisation_id',
      'o.name as organisation_name',
      'o.kind as organisation_kind',
    )
    .first();
  return 'id' in where ? q.where('u.id', where.id) : q.where('u.email', where.email.trim().toLowerCase());
}
