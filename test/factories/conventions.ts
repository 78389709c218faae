import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from './index';

let seq = 0;

/**
 * A case at the convention stage, like the Belfort one: two structures (each with a beneficiary
 * user), the operator and its coordinator, a selected provider (with a user), a funder,
 * 6 days for 7 000 €, and two planned phases.
 */
export async function conventionCase(db: Db, opts: { state?: string; provider?: boolean; structures?: number } = {}) {
  const n = ++seq;
  const operator = await createOrganisation(db, {
    kind: 'operator',
    name: `MIFE 90 n°${n}-${Date.now().toString(36)}`,
  });
  const coordinator = await createUser(db, {
    role: 'coordinator',
    organisation_id: operator.id,
    name: 'Claire Coordination',
  });
  const [{ id }] = await db('accompaniments')
    .insert({
      operator_id: operator.id,
      coordinator_id: coordinator.id,
      title: `Vers un groupe économique solidaire ${n}`,
      kind: 'collective',
      state: opts.state ?? 'convention',
      intake_on: '2015-07-01',
      department: '90',
      objectives: 'Structurer la mutualisation entre les quatre structures.',
      budget_days: 6,
      budget_eur: 7000,
      planned_start: '2016-01-11',
      planned_end: '2016-12-15',
    })
    .returning('id');
  const accId = String(id);
  const structures: { id: string; name: string; user: Awaited<ReturnType<typeof createUser>> }[] = [];
  for (let i = 0; i < (opts.structures ?? 2); i++) {
    const org = await createOrganisation(db, {
      kind: 'structure',
      name: `${['Energie Emploi', 'Intermed', 'Chamois', 'Le Relais'][i]} ${n}-${Date.now().toString(36)}`,
    });
    await db('accompaniment_beneficiaries').insert({
      accompaniment_id: accId,
      organisation_id: org.id,
      status: 'active',
      joined_on: '2015-07-01',
    });
    const user = await createUser(db, { role: 'beneficiary', organisation_id: org.id, name: `Direction ${org.name}` });
    structures.push({ id: org.id, name: org.name, user });
  }
  let provider: { id: string; name: string; user: Awaited<ReturnType<typeof createUser>> } | null = null;
  if (opts.provider !== false) {
    const org = await createOrganisation(db, { kind: 'provider', name: `COORACE ${n}-${Date.now().toString(36)}` });
    await db('consultation_bids').insert({
      accompaniment_id: accId,
      provider_id: org.id,
      invited_on: '2015-11-01',
      status: 'selected',
      proposal_days: 6,
      proposal_price_eur: 7000,
    });
    provider = {
      id: org.id,
      name: org.name,
      user: await createUser(db, { role: 'provider', organisation_id: org.id, name: 'Paul Prestataire' }),
    };
  }
  await db('phases').insert([
    {
      accompaniment_id: accId,
      position: 1,
      name: 'Projet politique et organisation stratégique',
      planned_start: '2016-01-11',
      planned_end: '2016-03-31',
    },
    {
      accompaniment_id: accId,
      position: 2,
      name: 'Mise en place opérationnelle',
      planned_start: '2016-04-01',
      planned_end: '2016-12-15',
    },
  ]);
  const funderOrg = await createOrganisation(db, { kind: 'funder' });
  await db('accompaniment_funding').insert({ accompaniment_id: accId, funder_id: funderOrg.id, amount_eur: 7000 });
  const funder = await createUser(db, { role: 'funder', organisation_id: funderOrg.id });
  return { accId, operator, coordinator, structures, provider, funder };
}
