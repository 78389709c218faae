import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from './index';
import { createProviderOrg } from './consultations';

/** An operator (90) with its staff, a provider with its account, and one account of every other role. */
export async function providerWorld(db: Db) {
  const operator = await createOrganisation(db, { kind: 'operator', department: '90' });
  const [manager, coordinator, admin] = await Promise.all([
    createUser(db, { role: 'manager', organisation_id: operator.id, name: 'Claude Direction' }),
    createUser(db, { role: 'coordinator', organisation_id: operator.id, name: 'Camille Coordination' }),
    createUser(db, { role: 'admin', organisation_id: operator.id }),
  ]);
  const provider = await createProviderOrg(db, { name: 'Cabinet Hélios' });
  const providerUser = await createUser(db, { role: 'provider', organisation_id: provider.id });
  const [funder, relay, beneficiary] = await Promise.all([
    createUser(db, { role: 'funder' }),
    createUser(db, { role: 'relay' }),
    createUser(db, { role: 'beneficiary' }),
  ]);
  return { operator, manager, coordinator, admin, provider, providerUser, funder, relay, beneficiary };
}
export type ProviderWorld = Awaited<ReturnType<typeof providerWorld>>;

/**
 * A provider's profile straight in the database, with its listing's first move logged (the forms and
 * the lifecycle are tested on their own). `lister` is the user recorded as having listed it.
 */
export async function createProfile(
  db: Db,
  providerId: string,
  o: Partial<{
    status: 'listed' | 'pending' | 'not_listed';
    on: string;
    renewal_due_on: string | null;
    themes: string[];
    departments: string[];
    sectors: string[];
    lister: string | null;
  }> = {},
) {
  const status = o.status ?? 'listed';
  const on = o.on ?? '2026-01-15';
  await db('provider_profiles').insert({
    organisation_id: providerId,
    listing_status: status,
    listing_status_on: on,
    renewal_due_on: o.renewal_due_on === undefined ? (status === 'listed' ? '2027-01-15' : null) : o.renewal_due_on,
    themes: o.themes ?? ['governance'],
    sectors: o.sectors ?? [],
    departments: o.departments ?? ['90'],
  });
  await db('provider_listing_transitions').insert({
    provider_id: providerId,
    event: status === 'listed' ? 'list' : status === 'pending' ? 'apply' : 'refuse',
    from_status: status === 'pending' ? null : 'pending',
    to_status: status,
    happened_on: on,
    actor_id: o.lister ?? null,
    reason: status === 'not_listed' ? 'Pas de référence' : null,
  });
}
