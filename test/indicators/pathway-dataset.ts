import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from '../factories';
import { createStructure } from '../factories/structures';

/**
 * A known set of parcours for the parcours figures; every expected figure of the tests is worked out
 * by hand from what is written here (main period: 2026-01-01 → 2026-12-31).
 *
 * Operator X, coordinators C1 (Camille Un) and C2 (Dominique Deux); operator Y, coordinator CY.
 * Funders F1, F2. Structures S1..S6.
 *
 * Requests at X: R1 S1 2025-12-20 (C1, → diagnostic 2026-01-05); R2 S2 2026-02-01 (C1, → diagnostic);
 * R3 S3 2026-03-01 (C2, oriented to France Active 2026-03-15, no parcours); R4 S4 2026-04-01 (C2, open);
 * R5 S2 2026-05-01 (C1, no follow-up). At Y: RY S6 2026-03-01.
 *
 * Parcours at X:
 * - P1 S1 (request R1, C1), opened 2026-01-05, own diagnostic 2026-01-25; advice 2026-02-01 (3.5 h),
 *   consultancy A1 started 2026-03-01 (funded by F1), orientation to France Active 2026-06-01.
 * - P2 S2 (request R2, C1), opened 2026-02-10, shares the collective diagnostic of A2 (validated
 *   2026-03-11); consultancy A2 started 2026-04-10 (funded by F1 and F2), local offer 2026-05-05,
 *   orientation to URSIEA 2026-07-01.
 * - P3 S5 (no request: carried over, C2), opened 2025-06-01, diagnostic 2025-09-01; consultancy A0
 *   started 2026-01-20 (funded by F2), advice 2026-02-15 (2 h), advice planned (4 h, not started).
 * Parcours at Y: P4 S6 (request RY, CY), opened 2026-03-05, advice 2026-03-10 (10 h).
 *
 * Comité d'appui: X 2025-12-01 P3 plan favorable; X 2026-02-20 P1 diagnostic favorable, P2 diagnostic
 * favorable with reservations; X 2026-03-20 P2 terms of reference to rework, P3 plan without opinion yet;
 * Y 2026-03-20 P4 diagnostic unfavorable.
 */
export async function buildPathwayDataset(db: Db) {
  const opX = await createOrganisation(db, { kind: 'operator', name: 'DLA X' });
  const opY = await createOrganisation(db, { kind: 'operator', name: 'DLA Y' });
  const f1 = await createOrganisation(db, { kind: 'funder', name: 'Financeur Un' });
  const f2 = await createOrganisation(db, { kind: 'funder', name: 'Financeur Deux', funder_type: 'region' });
  const users = {
    c1: await createUser(db, { role: 'coordinator', organisation_id: opX.id, name: 'Camille Un' }),
    c2: await createUser(db, { role: 'coordinator', organisation_id: opX.id, name: 'Dominique Deux' }),
    managerX: await createUser(db, { role: 'manager', organisation_id: opX.id }),
    cy: await createUser(db, { role: 'coordinator', organisation_id: opY.id, name: 'Yves Grec' }),
    admin: await createUser(db, { role: 'admin', organisation_id: opX.id }),
    funder1: await createUser(db, { role: 'funder', organisation_id: f1.id }),
    funder2: await createUser(db, { role: 'funder', organisation_id: f2.id }),
    provider: await createUser(db, { role: 'provider' }),
    relay: await createUser(db, { role: 'relay' }),
  };
  const s = {
    s1: (await createStructure(db, { name: 'S1' })).id,
    s2: (await createStructure(db, { name: 'S2' })).id,
    s3: (await createStructure(db, { name: 'S3' })).id,
    s4: (await createStructure(db, { name: 'S4' })).id,
    s5: (await createStructure(db, { name: 'S5' })).id,
    s6: (await createStructure(db, { name: 'S6' })).id,
  };

  const request = async (
    operator_id: string,
    organisation_id: string,
    owner_id: string,
    received_on: string,
    outcome: { status: string; on: string; partner?: string } | null,
  ) => {
    const [{ id }] = await db('intake_requests')
      .insert({
        operator_id,
        organisation_id,
        owner_id,
        received_on,
        channel: 'phone',
        need: 'Consolider le modèle économique',
        status: outcome?.status ?? 'received',
        outcome_on: outcome?.on ?? null,
        outcome_partner: outcome?.partner ?? null,
      })
      .returning('id');
    return String(id);
  };
  const r1 = await request(opX.id, s.s1, users.c1.id, '2025-12-20', { status: 'diagnostic', on: '2026-01-05' });
  const r2 = await request(opX.id, s.s2, users.c1.id, '2026-02-01', { status: 'diagnostic', on: '2026-02-10' });
  await request(opX.id, s.s3, users.c2.id, '2026-03-01', {
    status: 'oriented',
    on: '2026-03-15',
    partner: 'France Active',
  });
  await request(opX.id, s.s4, users.c2.id, '2026-04-01', null);
  await request(opX.id, s.s2, users.c1.id, '2026-05-01', { status: 'no_follow_up', on: '2026-05-02' });
  const ry = await request(opY.id, s.s6, users.cy.id, '2026-03-01', { status: 'diagnostic', on: '2026-03-05' });

  const accompaniment = async (title: string, kind: string, diagnosedOn?: string) => {
    const [{ id }] = await db('accompaniments')
      .insert({ operator_id: opX.id, title, kind, state: 'delivery', intake_on: '2025-06-01', department: '90' })
      .returning('id');
    if (diagnosedOn)
      await db('accompaniment_transitions').insert({
        accompaniment_id: id,
        from_state: 'diagnostic',
        to_state: 'consultation',
        on_date: diagnosedOn,
      });
    return String(id);
  };
  const a0 = await accompaniment('A0', 'individual');
  const a1 = await accompaniment('A1', 'individual');
  const a2 = await accompaniment('A2', 'collective', '2026-03-11');
  const fund = (accompaniment_id: string, funder_id: string) =>
    db('accompaniment_funding').insert({ accompaniment_id, funder_id, amount_eur: 1000 });
  await fund(a1, f1.id);
  await fund(a2, f1.id);
  await fund(a2, f2.id);
  await fund(a0, f2.id);

  const pathway = async (p: {
    operator_id: string;
    organisation_id: string;
    coordinator_id: string;
    intake_request_id: string | null;
    opened_on: string;
    diagnosed_on?: string;
    shared_diagnostic_accompaniment_id?: string;
  }) => String((await db('pathways').insert(p).returning('id'))[0].id);
  const p1 = await pathway({
    operator_id: opX.id,
    organisation_id: s.s1,
    coordinator_id: users.c1.id,
    intake_request_id: r1,
    opened_on: '2026-01-05',
    diagnosed_on: '2026-01-25',
  });
  const p2 = await pathway({
    operator_id: opX.id,
    organisation_id: s.s2,
    coordinator_id: users.c1.id,
    intake_request_id: r2,
    opened_on: '2026-02-10',
    shared_diagnostic_accompaniment_id: a2,
  });
  const p3 = await pathway({
    operator_id: opX.id,
    organisation_id: s.s5,
    coordinator_id: users.c2.id,
    intake_request_id: null,
    opened_on: '2025-06-01',
    diagnosed_on: '2025-09-01',
  });
  const p4 = await pathway({
    operator_id: opY.id,
    organisation_id: s.s6,
    coordinator_id: users.cy.id,
    intake_request_id: ry,
    opened_on: '2026-03-05',
  });

  const action = (pathway_id: string, a: Record<string, unknown>) =>
    db('pathway_actions').insert({ pathway_id, status: 'done', title: 'Action', ...a });
  await action(p1, { kind: 'advice', started_on: '2026-02-01', ended_on: '2026-02-01', hours: 3.5 });
  await action(p1, { kind: 'consultancy', status: 'in_progress', started_on: '2026-03-01', accompaniment_id: a1 });
  await action(p1, { kind: 'orientation', started_on: '2026-06-01', partner: 'France Active' });
  await action(p2, { kind: 'consultancy', status: 'in_progress', started_on: '2026-04-10', accompaniment_id: a2 });
  await action(p2, { kind: 'local_offer', started_on: '2026-05-05', ended_on: '2026-05-05', attendance: 2 });
  await action(p2, { kind: 'orientation', started_on: '2026-07-01', partner: 'URSIEA' });
  await action(p3, { kind: 'consultancy', status: 'in_progress', started_on: '2026-01-20', accompaniment_id: a0 });
  await action(p3, { kind: 'advice', started_on: '2026-02-15', ended_on: '2026-02-15', hours: 2 });
  await action(p3, { kind: 'advice', status: 'planned', target_on: '2026-09-01', hours: 4 });
  await action(p4, { kind: 'advice', started_on: '2026-03-10', ended_on: '2026-03-10', hours: 10 });

  const meeting = async (operator_id: string, meets_on: string) =>
    String(
      (await db('support_committee_meetings').insert({ operator_id, meets_on, status: 'held' }).returning('id'))[0].id,
    );
  const item = (meeting_id: string, pathway_id: string, subject: string, opinion: string | null, on: string | null) =>
    db('support_committee_items').insert({
      meeting_id,
      pathway_id,
      subject,
      summary: 'Résumé',
      opinion,
      opinion_on: on,
    });
  const m2025 = await meeting(opX.id, '2025-12-01');
  await item(m2025, p3, 'plan', 'favorable', '2025-12-01');
  const mFeb = await meeting(opX.id, '2026-02-20');
  await item(mFeb, p1, 'diagnostic', 'favorable', '2026-02-20');
  await item(mFeb, p2, 'diagnostic', 'favorable_with_reservations', '2026-02-20');
  const mMar = await meeting(opX.id, '2026-03-20');
  await item(mMar, p2, 'terms_of_reference', 'rework', '2026-03-20');
  await item(mMar, p3, 'plan', null, null);
  const mY = await meeting(opY.id, '2026-03-20');
  await item(mY, p4, 'diagnostic', 'unfavorable', '2026-03-20');

  return { opX, opY, users, s, pathways: { p1, p2, p3, p4 } };
}
