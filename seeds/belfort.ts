import type { Knex } from 'knex';
import type { Id } from '../src/platform/id';
import { addBeneficiary, withdrawBeneficiary } from '../src/accompaniments/beneficiary-lifecycle';
import { seedBelfortSessions } from './belfort-sessions';
import caseData from './data/belfort-ges-case.json';
import { seedDecidedBid } from './bids';
import { findOrCreateOrganisation } from './organisations';

/**
 * The Belfort GES case (seeds/data/belfort-ges-case.json, from a published DLA case sheet) as
 * recorded in Jalons. Dates given by the source only as a month are pinned to the 1st or the
 * 15th, as in the JSON. People are fictional; organisations and facts are the case's.
 */
export const BELFORT_TITLE = caseData.accompaniment.title;

type Ids = Record<string, string>;

/** Multi-line texts are shown as lists when their lines start with a dash. */
const bullets = (lines: string[]) => lines.map((l) => `- ${l}`).join('\n');

const STRUCTURE_DETAILS: Record<string, { legal_form: string; taxable: boolean; contacts: [string, string][] }> = {
  'Energie Emploi': {
    legal_form: 'association',
    taxable: false,
    contacts: [
      ['Claire Vautrin', 'director'],
      ['Bernard Mougin', 'president'],
    ],
  },
  Intermed: {
    legal_form: 'association',
    taxable: false,
    contacts: [
      ['Claire Vautrin', 'director'],
      ['Odile Perrot', 'president'],
    ],
  },
  Chamois: {
    legal_form: 'association',
    taxable: false,
    contacts: [
      ['Yves Boillot', 'employee'],
      ['Martine Grosjean', 'president'],
    ],
  },
  Chacasol: {
    legal_form: 'association',
    taxable: true,
    contacts: [
      ['Sandrine Lallemand', 'director'],
      ['Gérard Faivre', 'president'],
    ],
  },
};

// The source says four providers answered and COORACE's national federation was chosen; the
// three others are fictional referenced consultants.
const OTHER_BIDDERS = [
  { name: 'Cabinet Hélios Conseil', days: '7', price: '8200', scores: [14, 13, 15, 6] },
  { name: 'Coopérative Tisserands', days: '5', price: '5900', scores: [12, 11, 10, 9] },
  { name: 'ESS Stratégies', days: '6', price: '7600', scores: [15, 12, 13, 7] },
];

export async function seedBelfort(trx: Knex.Transaction, org: Ids, users: Ids) {
  const existing = await trx('accompaniments')
    .where({ title: BELFORT_TITLE, operator_id: org.mife })
    .first<{ id: Id } | undefined>('id');
  if (existing) {
    await seedBelfortSessions(trx, existing.id, org, users);
    return existing.id;
  }
  const coordinatorId = users['coordination@jalons.test'];
  const a = caseData.accompaniment;

  // Structures with their facts.
  for (const s of caseData.structures) {
    const details = STRUCTURE_DETAILS[s.name];
    const orgId = org[s.name];
    await trx('structures')
      .insert({
        organisation_id: orgId,
        legal_form: details.legal_form,
        siae_type: s.siae_type,
        taxable: details.taxable,
        activities: s.activities,
        // The national list's code for the case sheet's « Insertion par l'activité économique (IAE) ».
        sector: 'insertion',
        employees: s.employees,
        employees_in_insertion: s.employees_in_insertion,
        city: 'Belfort',
        postcode: '90000',
        networks: ['COORACE'],
      })
      .onConflict('organisation_id')
      .ignore();
    for (const [name, role] of details.contacts) {
      await trx('structure_contacts').insert({ organisation_id: orgId, name, role });
    }
  }

  const [{ id }] = await trx('accompaniments')
    .insert({
      operator_id: org.mife,
      coordinator_id: coordinatorId,
      title: a.title,
      kind: a.kind,
      state: 'follow_up',
      sector: a.sector,
      department: '90',
      themes: caseData.objectives.mutualisation_themes.map((t) => t.theme),
      objectives: [a.objective, '', ...caseData.objectives.general.map((o) => `– ${o}`)].join('\n'),
      budget_days: a.days_budgeted,
      budget_eur: a.budget_eur,
      intake_on: '2015-06-15',
      planned_start: a.accompaniment_window.start,
      planned_end: a.accompaniment_window.end,
    })
    .returning<{ id: Id }[]>('id');

  const transitions: [string | null, string, string, string | null][] = [
    [null, 'intake', '2015-06-15', 'Demande conjointe de quatre SIAE du Territoire de Belfort.'],
    ['intake', 'diagnostic', '2015-07-01', null],
    ['diagnostic', 'consultation', '2015-10-15', 'Diagnostic partagé signé par les quatre structures.'],
    ['consultation', 'convention', '2015-11-30', 'COORACE – fédération nationale retenue.'],
    ['convention', 'delivery', '2016-01-05', 'Convention signée par les quatre structures, le DLA et le prestataire.'],
    ['delivery', 'close_out', '2016-11-15', 'Partage du bilan ; mise en place d’un comité de direction.'],
    ['close_out', 'follow_up', '2016-12-01', 'Suivi confié à la délégation régionale COORACE.'],
  ];
  for (const [from, to, on, comment] of transitions) {
    await trx('accompaniment_transitions').insert({
      accompaniment_id: id,
      from_state: from,
      to_state: to,
      on_date: on,
      comment,
      actor_id: coordinatorId,
      at: `${on}T10:00:00+01:00`,
    });
  }

  for (const s of caseData.structures) await addBeneficiary(trx, id, org[s.name], '2015-06-15', coordinatorId);
  // Chamois withdraws in November 2016: seedBelfortWithdrawal, once the convention it signed is recorded.

  await trx('accompaniment_funding').insert([
    { accompaniment_id: id, funder_id: org.ddets, amount_eur: 4000 },
    { accompaniment_id: id, funder_id: org.bdt, amount_eur: 3000 },
  ]);

  // Diagnostic, objectives by theme, and the four validations of mid-October 2015.
  const d = caseData.diagnostic;
  await trx('diagnostics').insert({
    accompaniment_id: id,
    findings: bullets(d.findings),
    context: [bullets(d.context), '', 'Liens existants entre les structures :', bullets(caseData.prior_links)].join(
      '\n',
    ),
    recommendations: bullets(caseData.objectives.general),
    days: d.collective_days,
    written_on: '2015-10-01',
  });
  await trx('diagnostic_objectives').insert(
    caseData.objectives.mutualisation_themes.map((t, i) => ({
      accompaniment_id: id,
      theme: t.theme,
      aim: t.aim,
      position: i + 1,
    })),
  );
  const signatories: Record<string, string> = {
    'Energie Emploi': 'Bernard Mougin',
    Intermed: 'Odile Perrot',
    Chamois: 'Martine Grosjean',
    Chacasol: 'Gérard Faivre',
  };
  for (const s of caseData.structures) {
    await trx('diagnostic_validations').insert({
      accompaniment_id: id,
      organisation_id: org[s.name],
      validated_on: d.signed_by_all_structures_on.date,
      validated_by_name: signatories[s.name],
      recorded_by: coordinatorId,
    });
  }

  // The consultation: four bidders, a grid out of 70, COORACE selected for 6 days and 7,000 €.
  await trx('consultations').insert({
    accompaniment_id: id,
    objectives:
      'Accompagner le regroupement des quatre structures : projet politique commun, organisation, plan d’actions (organisationnel, fiscal, juridique).',
    days: a.days_budgeted,
    budget_eur: a.budget_eur,
    deadline: '2015-11-13',
    launched_on: '2015-10-20',
  });
  const criteria = [
    ['Compréhension de la demande', 20],
    ['Méthodologie proposée', 20],
    ['Expérience et références', 20],
    ['Prix', 10],
  ] as const;
  const criterionIds: string[] = [];
  for (const [i, [label, max]] of criteria.entries()) {
    const [row] = await trx('consultation_criteria')
      .insert({ accompaniment_id: id, label, max_points: max, position: i + 1 })
      .returning<{ id: Id }[]>('id');
    criterionIds.push(row.id);
  }
  const bidders = [
    {
      providerId: org.coorace,
      days: String(a.days_budgeted),
      price: String(a.budget_eur),
      scores: [18, 18, 19, 8],
      method: 'Séance de lancement, huit séances thématiques avec le comité de pilotage, plans d’actions.',
    },
  ];
  for (const b of OTHER_BIDDERS) {
    const providerId = await findOrCreateOrganisation(trx, { kind: 'provider', name: b.name });
    bidders.push({
      providerId,
      days: b.days,
      price: b.price,
      scores: b.scores,
      method: 'Proposition méthodologique reçue.',
    });
  }
  let selectedBid = '';
  for (const [i, b] of bidders.entries()) {
    const bidId = await seedDecidedBid(
      trx,
      {
        accompanimentId: id,
        providerId: b.providerId,
        invitedOn: '2015-10-20',
        receivedOn: '2015-11-10',
        proposal: { proposal_days: b.days, proposal_price_eur: b.price, method: b.method },
        decision: i === 0 ? 'select' : 'set_aside',
        decidedOn: '2015-11-30',
        notified: {
          notified_at: '2015-11-30T09:00:00+01:00',
          notified_on: '2015-11-30',
          notified_channel: 'email',
          notification_recorded_at: '2015-11-30T09:00:00+01:00',
        },
      },
      coordinatorId,
    );
    if (i === 0) selectedBid = bidId;
    await trx('bid_scores').insert(
      b.scores.map((points, j) => ({ bid_id: bidId, criterion_id: criterionIds[j], points })),
    );
  }
  await trx('consultations').where({ accompaniment_id: id }).update({
    selected_bid_id: selectedBid,
    selection_rationale:
      'Fédération nationale du réseau des structures : connaissance de l’IAE et des regroupements, démarche fédératrice, meilleure note (63/70).',
    selected_on: '2015-11-30',
    selected_by: coordinatorId,
  });

  // Phases of the case, and the notices of November and December 2015.
  const phaseDates = [
    {
      planned_start: '2015-11-01',
      planned_end: '2015-12-31',
      actual_start: '2015-12-01',
      actual_end: '2016-01-31',
      status: 'done',
    },
    {
      planned_start: '2016-01-01',
      planned_end: '2016-09-30',
      actual_start: '2016-02-12',
      actual_end: '2016-09-13',
      status: 'done',
    },
    {
      planned_start: '2016-11-01',
      planned_end: '2017-06-30',
      actual_start: '2016-11-15',
      actual_end: '2017-06-30',
      status: 'done',
    },
  ];
  for (const [i, p] of caseData.phases.entries()) {
    await trx('phases').insert({ accompaniment_id: id, position: p.order, name: p.name, ...phaseDates[i] });
  }
  await trx('notices').insert([
    {
      accompaniment_id: id,
      kind: 'funders_informed',
      on_date: '2015-11-15',
      recipients: 'Conseil départemental, Région, DDETS',
      content: 'Financeurs informés du projet de GES.',
      created_by: coordinatorId,
    },
    {
      accompaniment_id: id,
      kind: 'cdiae_informed',
      on_date: '2015-12-15',
      recipients: 'CDIAE du Territoire de Belfort',
      content: 'CDIAE averti par le DLA du projet de regroupement.',
      created_by: coordinatorId,
    },
  ]);

  // Delivery in meetings: steering committee, working groups, sessions, action items.
  await seedBelfortSessions(trx, id, org, users);
  return id;
}

/** Chamois' exit of 15 November 2016 (after the convention it signed). Idempotent: nothing when already withdrawn. */
export async function seedBelfortWithdrawal(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  const w = caseData.withdrawal;
  await withdrawBeneficiary(
    trx,
    accompanimentId,
    org[w.structure],
    { withdrawn_on: '2016-11-15', withdrawal_reasons: w.reasons.join('\n'), may_rejoin: w.may_rejoin },
    users['coordination@jalons.test'],
  );
}

/** Smaller fictional cases in other states, so that lists and filters are not empty. */
export async function seedOtherCases(trx: Knex.Transaction, org: Ids, users: Ids) {
  const coordinatorId = users['coordination@jalons.test'];
  const cases = [
    {
      title: 'Consolidation du modèle économique d’une ressourcerie',
      kind: 'individual',
      state: 'diagnostic',
      structure: 'La Ressourcerie du Lion',
      siae: 'ACI',
      employees: 22,
      insertion: 18,
      intake: '2026-09-14',
      days: null,
      eur: null,
    },
    {
      title: 'Structuration de la fonction employeur',
      kind: 'individual',
      state: 'consultation',
      structure: 'Compagnie Théâtre en Marche',
      siae: null,
      employees: 6,
      insertion: 0,
      intake: '2026-06-02',
      days: '3',
      eur: '3000',
    },
    {
      title: 'Projet de mutualisation d’un poste de comptable',
      kind: 'collective',
      state: 'intake',
      structure: 'Jardins de la Savoureuse',
      siae: 'ACI',
      employees: 31,
      insertion: 26,
      intake: '2026-11-05',
      days: null,
      eur: null,
    },
  ] as const;
  for (const c of cases) {
    if (await trx('accompaniments').where({ title: c.title, operator_id: org.mife }).first('id')) continue;
    const structureId = await findOrCreateOrganisation(trx, { kind: 'structure', name: c.structure, department: '90' });
    await trx('structures')
      .insert({
        organisation_id: structureId,
        legal_form: 'association',
        siae_type: c.siae,
        employees: c.employees,
        employees_in_insertion: c.insertion,
        city: 'Belfort',
        postcode: '90000',
      })
      .onConflict('organisation_id')
      .ignore();
    const [{ id }] = await trx('accompaniments')
      .insert({
        operator_id: org.mife,
        coordinator_id: coordinatorId,
        title: c.title,
        kind: c.kind,
        state: c.state,
        department: '90',
        intake_on: c.intake,
        budget_days: c.days,
        budget_eur: c.eur,
      })
      .returning<{ id: Id }[]>('id');
    await addBeneficiary(trx, id, structureId, c.intake, coordinatorId);
    const path = ['intake', 'diagnostic', 'consultation'];
    for (let i = 0; i <= path.indexOf(c.state); i++) {
      await trx('accompaniment_transitions').insert({
        accompaniment_id: id,
        from_state: i ? path[i - 1] : null,
        to_state: path[i],
        on_date: c.intake,
        actor_id: coordinatorId,
      });
    }
  }
}
