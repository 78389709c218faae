import type { Db } from '../../src/platform/db';
import { buildPathwayDataset } from '../indicators/pathway-dataset';
import { createOrganisation } from './index';
import { createSession } from './sessions';

/**
 * The annual report's hand-computed data set: the parcours of test/indicators/pathway-dataset.ts
 * (operator X at Belfort, 90, Bourgogne-Franche-Comté; operator Y moved to Paris, 75, Île-de-France),
 * plus the rows the other sections read, inserted straight into the contract tables of issue 20
 * (envelopes, commitments, orders, invoices, payments, headcount snapshots, national lists) and into
 * the close-out and follow-up tables. Every expected figure of test/annual-report/ is worked out by
 * hand from what is written here (year 2026).
 *
 * Structures (legal form, sector, SIAE, record's employees): S1 association, environnement, ACI, 10;
 * S2 scic, culture, —, 60; S3 association, —, EI, 0; S4 sarl, culture, —, unknown; S5 association,
 * environnement, AI, 0; S6 (at Y) scop, zz_services, —, 300.
 *
 * Headcount snapshots: S1 diagnostic 2026-01-25 (CDI 5, CDD 2, aidés 1, insertion 12 = 20; FTE 15.5;
 * 4 volunteers) and other 2026-06-01 (CDI 30, after its diagnostic); S2 diagnostic 2026-03-15 (CDI 40,
 * CDD 5 = 45; FTE 40), after its diagnostic of 2026-03-11; S5 diagnostic 2025-09-01 (CDI 2, insertion
 * 6 = 8).
 *
 * Cases: A0 individual (4 days, 3 000 €, gouvernance), A1 individual (6 days, 4 500,50 €, gouvernance
 * and modele_economique), A2 collective (10 days, 9 000 €, modele_economique and zz_theme_libre).
 * Sessions: A1 held 2026-03-10 1.5 d and held 2025-12-20 1 d; A2 held 2026-05-01 0.5 d and planned
 * 2026-11-01 2 d; A0 held 2025-12-31 23:30 UTC (1 January in Paris) 0.25 d and held 2027-01-05 1 d.
 *
 * Envelopes at X: F1 2026 50 000, F2 2026 20 000, F1 2025 30 000; at Y: F1 2026 10 000.
 * Commitments: A1 on F1-2026 6 000 (2026-02-15); A2 on F1-2026 4 000 and on F2-2026 5 000,25
 * (2026-03-01); A0 on F1-2025 3 000 (2025-12-01); A0 on F2-2026 1 000 (2026-01-10, released).
 * Payments: on A1's order 2 500,10 (2026-05-01) and 1 000 (2027-01-10); on A0's 2025 order 1 500
 * (2026-01-15).
 *
 * Satisfaction: A1 by S1 2026-06-01 (4, 5, 3, 4); A2 by S2 2026-07-01 (5, 4, 4, 5); A0 by S5 2025-12-15
 * (1, 1, 1, 1). Follow-up of A0: 6 months held 2026-03-10 (jobs improved, economic health stable,
 * strategic vision improved, partnerships unknown); 12 months held 2026-09-05 (stable, degraded, not
 * rated, improved); A1's 6 months not recorded.
 *
 * National lists (upserted, so the labels are known whatever the seeds say): legal forms association
 * « Association loi 1901 », scic « SCIC », sarl « SARL »; sectors culture « Culture et patrimoine »,
 * environnement « Environnement »; themes gouvernance « Gouvernance », modele_economique « Modèle
 * économique ». zz_services and zz_theme_libre are in no list: shown as their code.
 */
export async function buildAnnualReportDataset(db: Db) {
  const d = await buildPathwayDataset(db);
  const { opX, opY, s } = d;
  await db('organisations').where({ id: opY.id }).update({ department: '75' });

  const structure = (id: string, v: Record<string, unknown>) =>
    db('structures')
      .where({ organisation_id: id })
      .update({ employees_in_insertion: null, ...v });
  await structure(s.s1, { legal_form: 'association', sector: 'environnement', siae_type: 'ACI', employees: 10 });
  await structure(s.s2, { legal_form: 'scic', sector: 'culture', siae_type: null, employees: 60 });
  await structure(s.s3, { legal_form: 'association', sector: null, siae_type: 'EI', employees: 0 });
  await structure(s.s4, { legal_form: 'sarl', sector: 'culture', siae_type: null, employees: null });
  await structure(s.s5, { legal_form: 'association', sector: 'environnement', siae_type: 'AI', employees: 0 });
  await structure(s.s6, { legal_form: 'scop', sector: 'zz_services', siae_type: null, employees: 300 });

  const items = [
    ['legal_form', 'association', 'Association loi 1901', 'Association'],
    ['legal_form', 'scic', 'SCIC', 'SCIC'],
    ['legal_form', 'sarl', 'SARL', 'SARL'],
    ['sector', 'culture', 'Culture et patrimoine', 'Culture and heritage'],
    ['sector', 'environnement', 'Environnement', 'Environment'],
    ['theme', 'gouvernance', 'Gouvernance', 'Governance'],
    ['theme', 'modele_economique', 'Modèle économique', 'Business model'],
  ];
  for (const [list, code, label_fr, label_en] of items)
    await db('reference_items')
      .insert({ list, code, label_fr, label_en })
      .onConflict(['list', 'code'])
      .merge(['label_fr', 'label_en']);

  const snapshot = (organisation_id: string, recorded_on: string, occasion: string, v: Record<string, unknown>) =>
    db('structure_headcounts').insert({ organisation_id, recorded_on, occasion, ...v });
  await snapshot(s.s1, '2026-01-25', 'diagnostic', {
    employees_cdi: 5,
    employees_cdd: 2,
    employees_assisted: 1,
    employees_insertion: 12,
    fte: '15.5',
    volunteers: 4,
  });
  await snapshot(s.s1, '2026-06-01', 'other', { employees_cdi: 30 });
  await snapshot(s.s2, '2026-03-15', 'diagnostic', { employees_cdi: 40, employees_cdd: 5, fte: '40' });
  await snapshot(s.s5, '2025-09-01', 'diagnostic', { employees_cdi: 2, employees_insertion: 6 });

  const caseOf = async (title: string) => String((await db('accompaniments').where({ title }).first('id')).id);
  const acc = { a0: await caseOf('A0'), a1: await caseOf('A1'), a2: await caseOf('A2') };
  const budget = (id: string, budget_days: number, budget_eur: string, themes: string[]) =>
    db('accompaniments').where({ id }).update({ budget_days, budget_eur, themes });
  await budget(acc.a0, 4, '3000', ['gouvernance']);
  await budget(acc.a1, 6, '4500.50', ['gouvernance', 'modele_economique']);
  await budget(acc.a2, 10, '9000', ['modele_economique', 'zz_theme_libre']);

  const session = (accId: string, at: string, days: string, status = 'held') =>
    createSession(db, accId, { starts_at: new Date(at), days_consumed: days, status });
  await session(acc.a1, '2026-03-10T08:30:00Z', '1.5');
  await session(acc.a1, '2025-12-20T08:30:00Z', '1');
  await session(acc.a2, '2026-05-01T08:30:00Z', '0.5');
  await session(acc.a2, '2026-11-01T08:30:00Z', '2', 'planned');
  await session(acc.a0, '2025-12-31T23:30:00Z', '0.25');
  await session(acc.a0, '2027-01-05T08:30:00Z', '1');

  const f1 = String((await db('organisations').where({ name: 'Financeur Un' }).first('id')).id);
  const f2 = String((await db('organisations').where({ name: 'Financeur Deux' }).first('id')).id);
  const envelope = async (operator_id: string, funder_id: string, year: number, amount_eur: string) =>
    String(
      (
        await db('funding_envelopes')
          .insert({ operator_id, funder_id, year, amount_eur, label: `Enveloppe ${year}` })
          .returning('id')
      )[0].id,
    );
  const e = {
    f1x2026: await envelope(opX.id, f1, 2026, '50000'),
    f2x2026: await envelope(opX.id, f2, 2026, '20000'),
    f1x2025: await envelope(opX.id, f1, 2025, '30000'),
  };
  await envelope(opY.id, f1, 2026, '10000');
  const commit = async (
    envelope_id: string,
    accompaniment_id: string,
    amount_eur: string,
    on: string,
    status = 'committed',
  ) =>
    String(
      (
        await db('envelope_commitments')
          .insert({ envelope_id, accompaniment_id, amount_eur, committed_on: on, status })
          .returning('id')
      )[0].id,
    );
  const cA1 = await commit(e.f1x2026, acc.a1, '6000', '2026-02-15');
  await commit(e.f1x2026, acc.a2, '4000', '2026-03-01');
  await commit(e.f2x2026, acc.a2, '5000.25', '2026-03-01');
  const cA0 = await commit(e.f1x2025, acc.a0, '3000', '2025-12-01');
  await commit(e.f2x2026, acc.a0, '1000', '2026-01-10', 'released');

  const provider = await createOrganisation(db, { kind: 'provider', name: 'Cabinet Annuel' });
  let n = 0;
  const paid = async (commitment_id: string, accompaniment_id: string, payments: [string, string][]) => {
    n++;
    const [{ id: po }] = await db('purchase_orders')
      .insert({
        commitment_id,
        accompaniment_id,
        provider_id: provider.id,
        operator_id: opX.id,
        number: `BC-${n}`,
        issued_on: '2025-12-01',
        amount_excl_vat_eur: '5000',
        amount_incl_vat_eur: '6000',
      })
      .returning('id');
    const [{ id: invoice }] = await db('provider_invoices')
      .insert({
        purchase_order_id: po,
        provider_id: provider.id,
        number: `F-${n}`,
        invoiced_on: '2025-12-15',
        amount_excl_vat_eur: '5000',
        amount_incl_vat_eur: '6000',
      })
      .returning('id');
    for (const [paid_on, amount_eur] of payments)
      await db('payments').insert({ invoice_id: invoice, paid_on, amount_eur });
  };
  await paid(cA1, acc.a1, [
    ['2026-05-01', '2500.10'],
    ['2027-01-10', '1000'],
  ]);
  await paid(cA0, acc.a0, [['2026-01-15', '1500']]);

  const survey = (accompaniment_id: string, organisation_id: string, answered_on: string, scores: number[]) =>
    db('satisfaction_surveys').insert({
      accompaniment_id,
      organisation_id,
      answered_on,
      score_quality: scores[0],
      score_listening: scores[1],
      score_deliverables: scores[2],
      score_overall: scores[3],
      answered_by: d.users.c1.id,
      on_behalf: true,
    });
  await survey(acc.a1, s.s1, '2026-06-01', [4, 5, 3, 4]);
  await survey(acc.a2, s.s2, '2026-07-01', [5, 4, 4, 5]);
  await survey(acc.a0, s.s5, '2025-12-15', [1, 1, 1, 1]);

  const checkpoint = (accompaniment_id: string, offset_months: number, due_on: string, v: Record<string, unknown>) =>
    db('follow_up_checkpoints').insert({ accompaniment_id, offset_months, due_on, ...v });
  const recorded = { recorded_at: new Date('2026-10-01T10:00:00Z'), recorded_by: d.users.c1.id };
  await checkpoint(acc.a0, 6, '2026-03-01', {
    ...recorded,
    held_on: '2026-03-10',
    jobs_rating: 'improved',
    economic_health_rating: 'stable',
    strategic_vision_rating: 'improved',
    local_partnerships_rating: 'unknown',
  });
  await checkpoint(acc.a0, 12, '2026-09-01', {
    ...recorded,
    held_on: '2026-09-05',
    jobs_rating: 'stable',
    economic_health_rating: 'degraded',
    local_partnerships_rating: 'improved',
  });
  await checkpoint(acc.a1, 6, '2026-12-01', { jobs_rating: 'improved' });

  return { ...d, acc, funders: { f1, f2 } };
}
