import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from './index';

/**
 * Factories for paying the provider. Funding envelopes and commitments belong to src/envelopes/ (its
 * commands create them); until a test needs that workflow, the rows are inserted here directly.
 */
let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A funder's envelope for an operator, and a commitment of a case on it (status committed). */
export async function commitOnCase(
  db: Db,
  operatorId: string,
  accompanimentId: string,
  o: { amount?: string; envelopeAmount?: string; committedOn?: string; label?: string } = {},
) {
  const funder = await createOrganisation(db, { kind: 'funder', name: `Financeur ${next()}` });
  const [{ id: envelopeId }] = await db('funding_envelopes')
    .insert({
      operator_id: operatorId,
      funder_id: funder.id,
      year: 2026,
      label: o.label ?? `Enveloppe DLA ${next()}`,
      amount_eur: o.envelopeAmount ?? '100000',
    })
    .returning<{ id: string }[]>('id');
  const [{ id }] = await db('envelope_commitments')
    .insert({
      envelope_id: envelopeId,
      accompaniment_id: accompanimentId,
      amount_eur: o.amount ?? '8400',
      committed_on: o.committedOn ?? '2026-01-15',
    })
    .returning<{ id: string }[]>('id');
  return { id: String(id), envelopeId: String(envelopeId), funder };
}

/** The case's current convention (version 1), with the document row it points at. */
export async function addConvention(db: Db, accompanimentId: string, issuedOn = '2026-01-20') {
  const [{ id: documentId }] = await db('documents')
    .insert({
      accompaniment_id: accompanimentId,
      purpose: 'convention',
      filename: 'convention-v1.pdf',
      mime_type: 'application/pdf',
      size_bytes: 100,
      sha256: 'a'.repeat(64),
      storage_key: `convention/test/${next()}`,
    })
    .returning<{ id: string }[]>('id');
  await db('conventions').insert({
    accompaniment_id: accompanimentId,
    version: 1,
    document_id: documentId,
    sha256: 'a'.repeat(64),
    issued_on: issuedOn,
  });
}

/**
 * A case in delivery ready to be paid for: its operator with a director (manager), the case's
 * coordinator and another coordinator, a selected provider (bid of 7 000 € for 6 days) with a user,
 * another provider with a user, a structure, a convention, a commitment of 8 400 €, a phase with a
 * held session, and an accepted deliverable.
 */
export async function paymentCase(db: Db) {
  const operator = await createOrganisation(db, { kind: 'operator', name: `DLA ${next()}` });
  const manager = await createUser(db, { role: 'manager', organisation_id: operator.id, name: 'Diane Direction' });
  const coordinator = await createUser(db, {
    role: 'coordinator',
    organisation_id: operator.id,
    name: 'Claire Coordination',
  });
  const otherCoordinator = await createUser(db, { role: 'coordinator', organisation_id: operator.id });
  const [{ id: accId }] = await db('accompaniments')
    .insert({
      operator_id: operator.id,
      coordinator_id: coordinator.id,
      title: `Vers un groupe économique solidaire ${next()}`,
      kind: 'collective',
      state: 'delivery',
      intake_on: '2025-09-01',
      budget_days: '6',
      budget_eur: '7000',
    })
    .returning<{ id: string }[]>('id');
  const acc = { id: String(accId), operator_id: operator.id };
  const structure = await createOrganisation(db, { kind: 'structure', name: `Energie Emploi ${next()}` });
  await db('accompaniment_beneficiaries').insert({
    accompaniment_id: acc.id,
    organisation_id: structure.id,
    status: 'active',
    joined_on: '2025-09-01',
  });
  const providerOrg = await createOrganisation(db, { kind: 'provider', name: `Cabinet Conseil ${next()}` });
  const provider = await createUser(db, { role: 'provider', organisation_id: providerOrg.id });
  const [{ id: bidId }] = await db('consultation_bids')
    .insert({
      accompaniment_id: acc.id,
      provider_id: providerOrg.id,
      invited_on: '2025-11-01',
      status: 'selected',
      proposal_days: '6',
      proposal_price_eur: '7000',
    })
    .returning<{ id: string }[]>('id');
  const otherOrg = await createOrganisation(db, { kind: 'provider', name: `Autre Cabinet ${next()}` });
  const otherProvider = await createUser(db, { role: 'provider', organisation_id: otherOrg.id });
  await addConvention(db, acc.id);
  const commitment = await commitOnCase(db, operator.id, acc.id);
  const [{ id: phaseId }] = await db('phases')
    .insert({
      accompaniment_id: acc.id,
      position: 1,
      name: 'Diagnostic partagé',
      status: 'in_progress',
      planned_end: '2026-03-31',
    })
    .returning<{ id: string }[]>('id');
  return {
    operator,
    manager,
    coordinator,
    otherCoordinator,
    acc,
    structure,
    providerOrg,
    provider,
    bidId: String(bidId),
    otherOrg,
    otherProvider,
    commitment,
    phaseId: String(phaseId),
  };
}

/** A session of the case (planned unless told), optionally of a phase. */
export async function addSession(
  db: Db,
  accompanimentId: string,
  o: { title?: string; status?: 'planned' | 'held' | 'closed'; phaseId?: string | null; startsAt?: string } = {},
) {
  const [{ id }] = await db('sessions')
    .insert({
      accompaniment_id: accompanimentId,
      type: 'interview',
      title: o.title ?? `Séance ${next()}`,
      starts_at: o.startsAt ?? '2026-02-10T09:00:00Z',
      status: o.status ?? 'planned',
      phase_id: o.phaseId ?? null,
      days_consumed: '1',
    })
    .returning<{ id: string }[]>('id');
  return String(id);
}
