import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from '../factories';
import { createStructure } from '../factories/structures';

/**
 * A known portfolio for the indicators tests; every expected figure of the tests is computed by
 * hand from what is written here (period: 2026-01-01 → 2026-12-31).
 *
 * Operator X: A0 (intake 2025-12-31, the day BEFORE the period), A1, A2, A3, A4 (intake 2026-12-31,
 * the last day). Operator Y: B1. Funders F1 (state) and F2 (region). Providers P1, P2.
 */
export async function buildDataset(db: Db) {
  const opX = await createOrganisation(db, { kind: 'operator', name: 'DLA X' });
  const opY = await createOrganisation(db, { kind: 'operator', name: 'DLA Y' });
  const f1 = await createOrganisation(db, { kind: 'funder', name: 'Financeur Un', funder_type: 'state' });
  const f2 = await createOrganisation(db, { kind: 'funder', name: 'Financeur Deux', funder_type: 'region' });
  const p1 = await createOrganisation(db, { kind: 'provider', name: 'Cabinet Un' });
  const p2 = await createOrganisation(db, { kind: 'provider', name: 'Cabinet Deux' });

  const structure = async (
    name: string,
    legal_form: string,
    siae_type: string | null,
    sector: string | null,
    employees: number,
    insertion: number,
  ) => {
    const s = await createStructure(db, { name, legal_form, siae_type, employees, employees_in_insertion: insertion });
    await db('structures').where({ organisation_id: s.id }).update({ sector });
    return s.id;
  };
  const s1 = await structure('S1', 'association', 'ACI', 'Environnement', 20, 15);
  const s2 = await structure('S2', 'scic', 'EI', 'Recyclage', 10, 6);
  const s3 = await structure('S3', 'association', null, null, 5, 0);
  const s4 = await structure('S4', 'sarl', 'ETTI', 'Recyclage', 40, 30);
  const s5 = await structure('S5', 'association', 'ACI', 'Bâtiment', 100, 80);

  type Acc = {
    operator: string;
    title: string;
    kind: string;
    intake_on: string;
    department: string;
    themes: string[];
    days?: number;
    eur?: number;
    state: string;
  };
  const acc = async (a: Acc, beneficiaries: string[], transitions: [string, string, string][]) => {
    const [{ id }] = await db('accompaniments')
      .insert({
        operator_id: a.operator,
        title: a.title,
        kind: a.kind,
        state: a.state,
        intake_on: a.intake_on,
        department: a.department,
        themes: a.themes,
        budget_days: a.days ?? null,
        budget_eur: a.eur ?? null,
      })
      .returning('id');
    for (const org of beneficiaries)
      await db('accompaniment_beneficiaries').insert({ accompaniment_id: id, organisation_id: org, status: 'active' });
    for (const [from_state, to_state, on_date] of transitions) {
      await db('accompaniment_transitions').insert({
        accompaniment_id: id,
        from_state,
        to_state,
        on_date,
        comment: to_state === 'abandoned' ? 'Plus de besoin.' : null,
      });
    }
    return String(id);
  };
  const fund = (accompaniment_id: string, funder_id: string, amount_eur: number) =>
    db('accompaniment_funding').insert({ accompaniment_id, funder_id, amount_eur });
  const select = (accompaniment_id: string, provider_id: string) =>
    db('consultation_bids').insert({ accompaniment_id, provider_id, invited_on: '2026-01-01', status: 'selected' });
  const session = (accompaniment_id: string, days_consumed: number) =>
    db('sessions').insert({
      accompaniment_id,
      type: 'working_group',
      title: 'Séance',
      starts_at: new Date('2026-04-01T08:00:00Z'),
      days_consumed,
      status: 'held',
    });

  const a0 = await acc(
    {
      operator: opX.id,
      title: 'A0 veille',
      kind: 'collective',
      intake_on: '2025-12-31',
      department: '90',
      themes: ['communication'],
      days: 6,
      eur: 7000,
      state: 'delivery',
    },
    [s4],
    [
      ['intake', 'diagnostic', '2026-01-02'],
      ['diagnostic', 'consultation', '2026-01-15'],
      ['convention', 'delivery', '2026-02-14'],
    ],
  );
  await select(a0, p1.id);
  await fund(a0, f2.id, 7000);

  const a1 = await acc(
    {
      operator: opX.id,
      title: 'A1 individuel',
      kind: 'individual',
      intake_on: '2026-01-10',
      department: '90',
      themes: ['gouvernance', 'comptabilité'],
      days: 5,
      eur: 5000,
      state: 'close_out',
    },
    [s1],
    [
      ['intake', 'diagnostic', '2026-01-20'],
      ['diagnostic', 'consultation', '2026-02-09'],
      ['consultation', 'convention', '2026-03-01'],
      ['convention', 'delivery', '2026-03-11'],
      ['delivery', 'close_out', '2026-06-09'],
    ],
  );
  await select(a1, p1.id);
  await session(a1, 1.5);
  await session(a1, 2);
  await fund(a1, f1.id, 3000);
  await fund(a1, f2.id, 2000);

  const a2 = await acc(
    {
      operator: opX.id,
      title: 'A2 collectif',
      kind: 'collective',
      intake_on: '2026-03-01',
      department: '25',
      themes: ['gouvernance'],
      days: 4,
      eur: 3000,
      state: 'delivery',
    },
    [s1, s2, s3],
    [
      ['diagnostic', 'consultation', '2026-03-11'],
      ['convention', 'delivery', '2026-04-10'],
    ],
  );
  await select(a2, p2.id);
  await session(a2, 1);
  await fund(a2, f1.id, 3000);

  const a3 = await acc(
    {
      operator: opX.id,
      title: 'A3 abandonné',
      kind: 'individual',
      intake_on: '2026-11-15',
      department: '90',
      themes: [],
      state: 'abandoned',
    },
    [s3],
    [['diagnostic', 'abandoned', '2026-12-01']],
  );
  const a4 = await acc(
    {
      operator: opX.id,
      title: 'A4 dernier jour',
      kind: 'individual',
      intake_on: '2026-12-31',
      department: '90',
      themes: [],
      state: 'intake',
    },
    [],
    [],
  );

  const b1 = await acc(
    {
      operator: opY.id,
      title: 'B1 autre opérateur',
      kind: 'collective',
      intake_on: '2026-05-01',
      department: '70',
      themes: ['gouvernance'],
      state: 'consultation',
    },
    [s5],
    [['diagnostic', 'consultation', '2026-05-21']],
  );
  await fund(b1, f1.id, 1000);

  const users = {
    coordinatorX: await createUser(db, { role: 'coordinator', organisation_id: opX.id }),
    managerX: await createUser(db, { role: 'manager', organisation_id: opX.id }),
    coordinatorY: await createUser(db, { role: 'coordinator', organisation_id: opY.id }),
    admin: await createUser(db, { role: 'admin', organisation_id: opX.id }),
    funder1: await createUser(db, { role: 'funder', organisation_id: f1.id }),
    funder2: await createUser(db, { role: 'funder', organisation_id: f2.id }),
    provider: await createUser(db, { role: 'provider', organisation_id: p1.id }),
    beneficiary: await createUser(db, { role: 'beneficiary', organisation_id: s1 }),
  };
  return { opX, opY, acc: { a0, a1, a2, a3, a4, b1 }, users };
}

export const YEAR_2026 = 'from=2026-01-01&to=2026-12-31';
