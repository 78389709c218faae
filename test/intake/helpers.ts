import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from '../factories';
import { createStructure } from '../factories/structures';

/** An operator with its staff and a structure of the directory. */
export async function intakeWorld(db: Db) {
  const operator = await createOrganisation(db, { kind: 'operator', department: '90' });
  const [coordinator, colleague, manager, admin] = await Promise.all([
    createUser(db, { role: 'coordinator', organisation_id: operator.id, name: 'Camille Coordination' }),
    createUser(db, { role: 'coordinator', organisation_id: operator.id, name: 'Dominique Collègue' }),
    createUser(db, { role: 'manager', organisation_id: operator.id, name: 'Claude Direction' }),
    createUser(db, { role: 'admin', organisation_id: operator.id }),
  ]);
  const structure = await createStructure(db, { department: '90' });
  return { operator, coordinator, colleague, manager, admin, structure };
}
export type IntakeWorld = Awaited<ReturnType<typeof intakeWorld>>;

/** A request straight in the database (its form is tested in register.test.ts), logged as received. */
export async function createIntakeRow(
  db: Db,
  w: Pick<IntakeWorld, 'operator' | 'structure' | 'coordinator'>,
  o: Partial<{
    received_on: string;
    channel: string;
    owner_id: string | null;
    status: string;
    outcome_on: string | null;
    need: string;
    organisation_id: string;
  }> = {},
) {
  const row = {
    operator_id: w.operator.id,
    organisation_id: o.organisation_id ?? w.structure.id,
    received_on: o.received_on ?? '2015-09-14',
    channel: o.channel ?? 'phone',
    need: o.need ?? 'Consolider le modèle économique',
    owner_id: o.owner_id === undefined ? w.coordinator.id : o.owner_id,
    status: o.status ?? 'received',
    outcome_on: o.outcome_on ?? null,
  };
  const [{ id }] = await db('intake_requests').insert(row).returning('id');
  await db('intake_request_transitions').insert({
    intake_request_id: id,
    event: 'create',
    to_status: 'received',
    happened_on: row.received_on,
  });
  return { id: String(id), ...row };
}

/** The day `n` days before today, in the office's calendar (yyyy-mm-dd). */
export function daysBefore(n: number) {
  const d = new Date();
  d.setDate(d.getDate() - n);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
