import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from './index';

/** Factories for the sessions tests: a case in delivery with its people, bodies and sessions, built directly. */

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** An operator with a coordinator, and a case of theirs in delivery with the given contracted days. */
export async function createDeliveryCase(
  db: Db,
  opts: { budget_days?: string | null; budget_eur?: string | null; title?: string } = {},
) {
  const operator = await createOrganisation(db, { kind: 'operator', name: `DLA ${next()}` });
  const coordinator = await createUser(db, {
    role: 'coordinator',
    organisation_id: operator.id,
    name: `Chargée ${next()}`,
  });
  const [{ id }] = await db('accompaniments')
    .insert({
      operator_id: operator.id,
      coordinator_id: coordinator.id,
      title: opts.title ?? `Accompagnement ${next()}`,
      kind: 'collective',
      state: 'delivery',
      intake_on: '2015-09-01',
      budget_days: opts.budget_days === undefined ? '6' : opts.budget_days,
      budget_eur: opts.budget_eur === undefined ? '7000' : opts.budget_eur,
    })
    .returning('id');
  return { operator, coordinator, accId: String(id) };
}

/** The provider selected for the case (its users see it), or one that lost (they do not). */
export async function addProvider(db: Db, accId: string, status: 'selected' | 'not_selected' = 'selected') {
  const provider = await createOrganisation(db, { kind: 'provider', name: `Cabinet ${next()}` });
  const user = await createUser(db, { role: 'provider', organisation_id: provider.id });
  await db('consultation_bids').insert({
    accompaniment_id: accId,
    provider_id: provider.id,
    invited_on: '2015-10-20',
    status,
  });
  return { provider, user };
}

export async function addFunderUser(db: Db, accId: string) {
  const funder = await createOrganisation(db, { kind: 'funder', name: `Financeur ${next()}` });
  const user = await createUser(db, { role: 'funder', organisation_id: funder.id });
  await db('accompaniment_funding').insert({ accompaniment_id: accId, funder_id: funder.id, amount_eur: 1000 });
  return { funder, user };
}

export async function addBeneficiary(db: Db, accId: string, name?: string) {
  const structure = await createOrganisation(db, { kind: 'structure', name: name ?? `Structure ${next()}` });
  await db('accompaniment_beneficiaries').insert({
    accompaniment_id: accId,
    organisation_id: structure.id,
    status: 'active',
    joined_on: '2015-09-01',
  });
  return structure;
}

export async function addPhase(db: Db, accId: string, position: number, name = `Phase ${position}`) {
  const [{ id }] = await db('phases')
    .insert({ accompaniment_id: accId, position, name, status: 'in_progress' })
    .returning('id');
  return String(id);
}

export async function addCommitteeMember(
  db: Db,
  accId: string,
  name: string,
  organisation_name: string | null = null,
  role = 'employee',
) {
  const [{ id }] = await db('steering_committee_members')
    .insert({ accompaniment_id: accId, name, organisation_name, role })
    .returning('id');
  return String(id);
}

export async function addWorkingGroup(db: Db, accId: string, name: string, members: string[] = []) {
  const [{ id }] = await db('working_groups')
    .insert({ accompaniment_id: accId, name, theme: name.toLowerCase() })
    .returning('id');
  const memberIds: string[] = [];
  for (const m of members) {
    const [row] = await db('working_group_members')
      .insert({ working_group_id: id, name: m, organisation_name: 'Structure du groupe' })
      .returning('id');
    memberIds.push(String(row.id));
  }
  return { id: String(id), memberIds };
}

/** A session inserted directly (for tests that are not about logging it). */
export async function createSession(
  db: Db,
  accId: string,
  s: Partial<{
    type: string;
    title: string;
    starts_at: Date;
    days_consumed: string;
    working_group_id: string | null;
    status: string;
    logged_by: string | null;
    validated_at: Date | null;
    minutes: string | null;
  }> = {},
) {
  const [{ id }] = await db('sessions')
    .insert({
      accompaniment_id: accId,
      type: s.type ?? 'steering_committee',
      title: s.title ?? `Séance ${next()}`,
      starts_at: s.starts_at ?? new Date('2016-02-12T08:30:00Z'),
      days_consumed: s.days_consumed ?? '0',
      working_group_id: s.working_group_id ?? null,
      status: s.status ?? 'held',
      logged_by: s.logged_by ?? null,
      validated_at: s.validated_at === undefined ? new Date() : s.validated_at,
      minutes: s.minutes ?? null,
    })
    .returning('id');
  return String(id);
}

export async function addAttendee(db: Db, sessionId: string, name: string, presence = 'invited') {
  const [{ id }] = await db('session_attendees').insert({ session_id: sessionId, name, presence }).returning('id');
  return String(id);
}

export async function addActionItem(
  db: Db,
  accId: string,
  sessionId: string | null,
  what: string,
  opts: { working_group_id?: string | null; status?: string } = {},
) {
  const [{ id }] = await db('action_items')
    .insert({
      accompaniment_id: accId,
      session_id: sessionId,
      working_group_id: opts.working_group_id ?? null,
      what,
      status: opts.status ?? 'open',
    })
    .returning('id');
  return String(id);
}

/** A year from now, in Paris: a date a session cannot have started on. */
export const nextYear = () => String(new Date().getFullYear() + 1);
