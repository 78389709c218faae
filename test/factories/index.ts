import type { Role, OrganisationKind } from '../../src/platform/auth/session-user';
import type { Db } from '../../src/platform/db';
import { hashPassword } from '../../src/platform/password';
import { TEST_PASSWORD } from '../support/app';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

const KIND_OF_ROLE: Record<Role, OrganisationKind> = {
  admin: 'operator',
  manager: 'operator',
  coordinator: 'operator',
  provider: 'provider',
  funder: 'funder',
  relay: 'relay',
  beneficiary: 'structure',
};

export async function createOrganisation(
  db: Db,
  overrides: Partial<{
    kind: OrganisationKind;
    name: string;
    funder_type: string | null;
    department: string | null;
  }> = {},
) {
  const kind = overrides.kind ?? 'operator';
  const row = {
    kind,
    name: overrides.name ?? `Organisation ${next()}`,
    funder_type: kind === 'funder' ? (overrides.funder_type ?? 'state') : null,
    department: overrides.department ?? '90',
  };
  const [{ id }] = await db('organisations').insert(row).returning('id');
  return { id: String(id), ...row };
}

let cachedHash: Promise<string> | undefined;

export async function createUser(
  db: Db,
  overrides: Partial<{
    role: Role;
    email: string;
    name: string;
    organisation_id: string;
    status: 'invited' | 'active' | 'disabled';
    locale: 'fr' | 'en';
  }> = {},
) {
  const role = overrides.role ?? 'coordinator';
  const organisation_id = overrides.organisation_id ?? (await createOrganisation(db, { kind: KIND_OF_ROLE[role] })).id;
  cachedHash ??= hashPassword(TEST_PASSWORD, 10);
  const status = overrides.status ?? 'active';
  const row = {
    role,
    organisation_id,
    email: overrides.email ?? `${role}-${next()}@example.test`,
    name: overrides.name ?? `Personne ${next()}`,
    status,
    locale: overrides.locale ?? 'fr',
    password_hash: status === 'invited' ? null : await cachedHash,
  };
  const [{ id }] = await db('users').insert(row).returning('id');
  return { id: String(id), ...row };
}
