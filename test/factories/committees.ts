import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from './index';
import { addBeneficiaryRow, createStructure, fundAccompaniment, selectProvider } from './structures';

/** Factories for the steering-committee and working-groups tests. */

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

export async function createContact(
  db: Db,
  organisationId: string,
  c: Partial<{ name: string; role: string; email: string | null }> = {},
) {
  const row = {
    organisation_id: organisationId,
    name: c.name ?? `Contact ${next()}`,
    role: c.role ?? 'employee',
    email: c.email ?? null,
  };
  const [{ id }] = await db('structure_contacts').insert(row).returning('id');
  return { id: String(id), ...row };
}

/**
 * The Belfort GES case (belfort-ges-case.json) with fictional people: the MIFE operator and its
 * coordinator, the four structures with two or three contacts each, COORACE selected with one
 * consultant, a funder and a user of one structure. Names carry a suffix: organisation names are
 * unique per kind, and a test file builds several cases.
 */
export async function createBelfortCase(db: Db) {
  const tag = next();
  const operator = await createOrganisation(db, { kind: 'operator', name: `MIFE 90 ${tag}` });
  const coordinator = await createUser(db, {
    role: 'coordinator',
    organisation_id: operator.id,
    name: 'Claire Vuillemin',
  });
  const manager = await createUser(db, { role: 'manager', organisation_id: operator.id, name: 'Paul Grandjean' });
  const [{ id }] = await db('accompaniments')
    .insert({
      operator_id: operator.id,
      coordinator_id: coordinator.id,
      title: `Appui à la création d’un GES ${tag}`,
      kind: 'collective',
      state: 'delivery',
      intake_on: '2015-09-01',
      budget_days: '6',
      budget_eur: '7000',
    })
    .returning('id');
  const accId = String(id);

  const structures = {
    energie: await createStructure(db, {
      name: `Energie Emploi ${tag}`,
      siae_type: 'AI',
      employees: 156,
      employees_in_insertion: 150,
    }),
    intermed: await createStructure(db, {
      name: `Intermed ${tag}`,
      siae_type: 'AI',
      employees: 96,
      employees_in_insertion: 91,
    }),
    chamois: await createStructure(db, {
      name: `Chamois ${tag}`,
      siae_type: 'ACI',
      employees: 49,
      employees_in_insertion: 40,
    }),
    chacasol: await createStructure(db, {
      name: `Chacasol ${tag}`,
      siae_type: 'ACI',
      employees: 15,
      employees_in_insertion: 13,
      taxable: true,
    }),
  };
  for (const s of Object.values(structures)) await addBeneficiaryRow(db, accId, s.id);

  const contacts = {
    energieDirector: await createContact(db, structures.energie.id, { name: 'Sophie Marchal', role: 'director' }),
    energiePresident: await createContact(db, structures.energie.id, { name: 'Bernard Lhomme', role: 'president' }),
    intermedDirector: await createContact(db, structures.intermed.id, { name: 'Nadia Belkacem', role: 'director' }),
    intermedPresident: await createContact(db, structures.intermed.id, { name: 'Jean-Luc Perrin', role: 'president' }),
    intermedBoard: await createContact(db, structures.intermed.id, { name: 'Odile Faivre', role: 'board_member' }),
    chamoisEmployee: await createContact(db, structures.chamois.id, { name: 'Karim Haddad', role: 'employee' }),
    chamoisBoard: await createContact(db, structures.chamois.id, { name: 'Monique Ruedin', role: 'board_member' }),
    chacasolPresident: await createContact(db, structures.chacasol.id, { name: 'Gérard Monnier', role: 'president' }),
  };

  const provider = await createOrganisation(db, { kind: 'provider', name: `COORACE ${tag}` });
  const consultant = await createUser(db, { role: 'provider', organisation_id: provider.id, name: 'Hélène Rossel' });
  await selectProvider(db, accId, provider.id);

  const funder = await createOrganisation(db, { kind: 'funder', name: `Conseil départemental ${tag}` });
  const funderUser = await createUser(db, { role: 'funder', organisation_id: funder.id });
  await fundAccompaniment(db, accId, funder.id, '3500');

  const beneficiaryUser = await createUser(db, { role: 'beneficiary', organisation_id: structures.intermed.id });

  return {
    tag,
    accId,
    operator,
    coordinator,
    manager,
    structures,
    contacts,
    provider,
    consultant,
    funder,
    funderUser,
    beneficiaryUser,
  };
}

export async function withdrawStructure(db: Db, accId: string, organisationId: string, on = '2016-11-15') {
  await db('accompaniment_beneficiaries')
    .where({ accompaniment_id: accId, organisation_id: organisationId })
    .update({ status: 'withdrawn', withdrawn_on: on, withdrawal_reasons: 'Besoin de temps.' });
}

export async function createWorkingGroup(
  db: Db,
  accId: string,
  g: Partial<{ theme: string; name: string; aim: string | null; structureIds: string[] }> = {},
) {
  const [{ id }] = await db('working_groups')
    .insert({
      accompaniment_id: accId,
      theme: g.theme ?? 'Comptabilité',
      name: g.name ?? `Groupe ${next()}`,
      aim: g.aim ?? null,
    })
    .returning('id');
  for (const organisation_id of g.structureIds ?? [])
    await db('working_group_structures').insert({ working_group_id: id, organisation_id });
  return { id: String(id) };
}

export async function addGroupMember(
  db: Db,
  groupId: string,
  m: {
    name: string;
    organisation_id?: string | null;
    organisation_name?: string | null;
    contact_id?: string | null;
    user_id?: string | null;
  },
) {
  const [{ id }] = await db('working_group_members')
    .insert({
      working_group_id: groupId,
      name: m.name,
      organisation_id: m.organisation_id ?? null,
      organisation_name: m.organisation_name ?? null,
      contact_id: m.contact_id ?? null,
      user_id: m.user_id ?? null,
    })
    .returning('id');
  return { id: String(id) };
}

/** A session row straight in the database (the sessions area tests its own routes). */
export async function createSession(
  db: Db,
  accId: string,
  s: Partial<{
    working_group_id: string | null;
    title: string;
    starts_at: string;
    status: string;
    days_consumed: string;
  }> = {},
) {
  const [{ id }] = await db('sessions')
    .insert({
      accompaniment_id: accId,
      type: s.working_group_id ? 'working_group' : 'steering_committee',
      title: s.title ?? `Séance ${next()}`,
      starts_at: s.starts_at ?? '2016-02-12T09:30:00+01:00',
      working_group_id: s.working_group_id ?? null,
      status: s.status ?? 'held',
      days_consumed: s.days_consumed ?? '0.5',
    })
    .returning('id');
  return { id: String(id) };
}

export async function createActionItem(
  db: Db,
  accId: string,
  a: Partial<{
    working_group_id: string | null;
    session_id: string | null;
    what: string;
    owner_name: string | null;
    due_on: string | null;
    status: string;
  }> = {},
) {
  const [{ id }] = await db('action_items')
    .insert({
      accompaniment_id: accId,
      working_group_id: a.working_group_id ?? null,
      session_id: a.session_id ?? null,
      what: a.what ?? `Action ${next()}`,
      owner_name: a.owner_name ?? null,
      due_on: a.due_on ?? null,
      status: a.status ?? 'open',
    })
    .returning('id');
  return { id: String(id) };
}
