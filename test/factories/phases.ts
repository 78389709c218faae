import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from './index';

/** Factories for the phases, notices and timeline tests: a case with its people, built directly in the database. */

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

export async function createAccompaniment(
  db: Db,
  overrides: Partial<{
    operator_id: string;
    coordinator_id: string | null;
    title: string;
    state: string;
    kind: 'individual' | 'collective';
  }> = {},
) {
  const operator_id = overrides.operator_id ?? (await createOrganisation(db, { kind: 'operator' })).id;
  const row = {
    operator_id,
    coordinator_id: overrides.coordinator_id ?? null,
    title: overrides.title ?? `Accompagnement ${next()}`,
    kind: overrides.kind ?? 'collective',
    state: overrides.state ?? 'delivery',
    intake_on: '2015-09-01',
  };
  const [{ id }] = await db('accompaniments').insert(row).returning('id');
  return { id: String(id), ...row };
}

/** An operator, its coordinator and one of its cases. */
export async function createCase(db: Db, overrides: Partial<{ title: string; state: string }> = {}) {
  const operator = await createOrganisation(db, { kind: 'operator', name: `Opérateur DLA ${next()}` });
  const coordinator = await createUser(db, { role: 'coordinator', organisation_id: operator.id });
  const acc = await createAccompaniment(db, { operator_id: operator.id, coordinator_id: coordinator.id, ...overrides });
  return { operator, coordinator, acc };
}

/** A funder of the case and one of its users. */
export async function addFunder(db: Db, accompanimentId: string, amount = 7000) {
  const funder = await createOrganisation(db, { kind: 'funder', name: `Financeur ${next()}` });
  const user = await createUser(db, { role: 'funder', organisation_id: funder.id });
  await db('accompaniment_funding').insert({
    accompaniment_id: accompanimentId,
    funder_id: funder.id,
    amount_eur: amount,
  });
  return { funder, user };
}

/** A beneficiary structure of the case (with its join recorded) and one of its users. */
export async function addStructure(
  db: Db,
  accompanimentId: string,
  opts: { name?: string; joined_on?: string; actor_id?: string | null } = {},
) {
  const structure = await createOrganisation(db, { kind: 'structure', name: opts.name ?? `Structure ${next()}` });
  const user = await createUser(db, { role: 'beneficiary', organisation_id: structure.id });
  const joined_on = opts.joined_on ?? '2015-09-01';
  await db('accompaniment_beneficiaries').insert({
    accompaniment_id: accompanimentId,
    organisation_id: structure.id,
    status: 'active',
    joined_on,
  });
  await db('beneficiary_changes').insert({
    accompaniment_id: accompanimentId,
    organisation_id: structure.id,
    change: 'joined',
    on_date: joined_on,
    actor_id: opts.actor_id ?? null,
  });
  return { structure, user };
}

/** A provider invited to the consultation, selected or not; a selected provider's users see the case. */
export async function addBid(
  db: Db,
  accompanimentId: string,
  opts: { name?: string; status?: 'invited' | 'proposed' | 'selected' | 'not_selected'; invited_on?: string } = {},
) {
  const provider = await createOrganisation(db, { kind: 'provider', name: opts.name ?? `Prestataire ${next()}` });
  const user = await createUser(db, { role: 'provider', organisation_id: provider.id });
  const [{ id }] = await db('consultation_bids')
    .insert({
      accompaniment_id: accompanimentId,
      provider_id: provider.id,
      invited_on: opts.invited_on ?? '2015-10-20',
      status: opts.status ?? 'invited',
    })
    .returning('id');
  return { provider, user, bidId: String(id) };
}

export async function createPhase(
  db: Db,
  accompanimentId: string,
  p: Partial<{
    position: number;
    name: string;
    planned_start: string | null;
    planned_end: string | null;
    actual_start: string | null;
    actual_end: string | null;
    status: string;
  }> = {},
) {
  const row = {
    accompaniment_id: accompanimentId,
    position: p.position ?? 1,
    name: p.name ?? `Phase ${next()}`,
    planned_start: p.planned_start ?? null,
    planned_end: p.planned_end ?? null,
    actual_start: p.actual_start ?? null,
    actual_end: p.actual_end ?? null,
    status: p.status ?? 'planned',
  };
  const [{ id }] = await db('phases').insert(row).returning('id');
  return { id: String(id), ...row };
}

export async function createNotice(
  db: Db,
  accompanimentId: string,
  n: Partial<{
    kind: string;
    on_date: string;
    recipients: string;
    content: string | null;
    created_by: string | null;
  }> = {},
) {
  const row = {
    accompaniment_id: accompanimentId,
    kind: n.kind ?? 'funders_informed',
    on_date: n.on_date ?? '2015-11-15',
    recipients: n.recipients ?? 'Conseil départemental, Région',
    content: n.content ?? null,
    created_by: n.created_by ?? null,
  };
  const [{ id }] = await db('notices').insert(row).returning('id');
  return { id: String(id), ...row };
}
