import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from './index';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A provider organisation (consultant), optionally with a contact e-mail. */
export async function createProviderOrg(
  db: Db,
  overrides: Partial<{ name: string; email: string | null; active: boolean }> = {},
) {
  const org = await createOrganisation(db, { kind: 'provider', name: overrides.name ?? `Cabinet ${next()}` });
  const patch: Record<string, unknown> = {};
  if (overrides.email) patch.email = overrides.email;
  if (overrides.active === false) patch.active = false;
  if (Object.keys(patch).length) await db('organisations').where({ id: org.id }).update(patch);
  return { ...org, email: overrides.email ?? null };
}

/**
 * An operator with a coordinator and one accompaniment in the given state (default: the
 * consultation state), inserted directly: the lifecycle itself is tested by its own area.
 */
export async function createConsultationCase(
  db: Db,
  overrides: Partial<{
    state: string;
    title: string;
    budget_days: string | null;
    budget_eur: string | null;
    operatorName: string;
  }> = {},
) {
  const operator = await createOrganisation(db, { kind: 'operator', name: overrides.operatorName ?? `DLA ${next()}` });
  const coordinator = await createUser(db, { role: 'coordinator', organisation_id: operator.id });
  const [{ id }] = await db('accompaniments')
    .insert({
      operator_id: operator.id,
      coordinator_id: coordinator.id,
      title: overrides.title ?? `Accompagnement ${next()}`,
      kind: 'collective',
      state: overrides.state ?? 'consultation',
      // Received in the summer of 2015, before the calls of the tests (dates may not precede the intake).
      intake_on: '2015-07-01',
      budget_days: overrides.budget_days ?? null,
      budget_eur: overrides.budget_eur ?? null,
    })
    .returning('id');
  return { accId: String(id), operator, coordinator };
}

/** A bid recorded directly (for tests that are not about recording it). */
export async function createBid(
  db: Db,
  accId: string,
  providerId: string,
  fields: Partial<{ status: string; proposal_days: string; proposal_price_eur: string; received_on: string }> = {},
) {
  const status = fields.status ?? 'proposed';
  const [{ id }] = await db('consultation_bids')
    .insert({
      accompaniment_id: accId,
      provider_id: providerId,
      invited_on: '2015-10-20',
      status,
      received_on: status === 'invited' ? null : (fields.received_on ?? '2015-11-05'),
      proposal_days: status === 'invited' ? null : (fields.proposal_days ?? '5'),
      proposal_price_eur: status === 'invited' ? null : (fields.proposal_price_eur ?? '5000'),
    })
    .returning('id');
  return String(id);
}

/** The grid of the case sheet, out of 70. */
export async function createGrid(db: Db, accId: string) {
  const rows = [
    ['Compréhension de la demande', 20],
    ['Méthodologie proposée', 20],
    ['Expérience et références', 20],
    ['Prix', 10],
  ] as const;
  const ids: string[] = [];
  for (const [position, [label, max]] of rows.entries()) {
    const [{ id }] = await db('consultation_criteria')
      .insert({ accompaniment_id: accId, label, max_points: max, position })
      .returning('id');
    ids.push(String(id));
  }
  return ids;
}
