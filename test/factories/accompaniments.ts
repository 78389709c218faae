import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from './index';

/** An operator with a coordinator, and a case of theirs with the given structures. */
export async function createOperatorTeam(db: Db) {
  const operator = await createOrganisation(db, { kind: 'operator' });
  const coordinator = await createUser(db, { role: 'coordinator', organisation_id: operator.id });
  const manager = await createUser(db, { role: 'manager', organisation_id: operator.id });
  return { operator, coordinator, manager };
}

export async function createAccompaniment(
  db: Db,
  opts: {
    operatorId: string;
    coordinatorId?: string;
    state?: string;
    kind?: 'individual' | 'collective';
    structures?: number;
    title?: string;
    intakeOn?: string;
  },
) {
  const intakeOn = opts.intakeOn ?? '2026-01-05';
  const [{ id }] = await db('accompaniments')
    .insert({
      operator_id: opts.operatorId,
      coordinator_id: opts.coordinatorId ?? null,
      title: opts.title ?? `Accompagnement ${Math.random().toString(36).slice(2, 8)}`,
      kind: opts.kind ?? 'collective',
      state: opts.state ?? 'intake',
      intake_on: intakeOn,
      department: '90',
    })
    .returning('id');
  const structures = [];
  for (let i = 0; i < (opts.structures ?? 0); i++) {
    const s = await createOrganisation(db, { kind: 'structure' });
    await db('accompaniment_beneficiaries').insert({
      accompaniment_id: id,
      organisation_id: s.id,
      status: 'active',
      joined_on: intakeOn,
    });
    structures.push(s);
  }
  return { id: String(id), structures };
}
