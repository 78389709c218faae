import type { Knex } from 'knex';
import { loadConfig } from '../src/config';
import type { Storage } from '../src/platform/storage';
import type { AccompanimentsRow, OrganisationsRow } from '../src/platform/db-tables';
import type { Id } from '../src/platform/id';
import { addBeneficiary } from '../src/accompaniments/beneficiary-lifecycle';
import { setFunding } from '../src/accompaniments/funding';
import { commitOnEnvelope, createEnvelope } from '../src/envelopes/commands';
import { envelopeSchema } from '../src/envelopes/schemas';
import { recordHeadcount } from '../src/headcounts/commands';
import { headcountSchema } from '../src/headcounts/schemas';
import { certifyService, issueOrder } from '../src/payments/commands';
import { recordPayment, submitInvoice } from '../src/payments/invoice-commands';
import { INVOICE_PURPOSE } from '../src/payments/documents';
import { certificationSchema, invoiceSchema, orderSchema, paymentSchema } from '../src/payments/schemas';
import type { WriteContext } from '../src/platform/write';
import { addConsultant, changeListing, saveProfile } from '../src/providers/commands';
import { consultantSchema, listingSchema, profileSchema } from '../src/providers/schemas';
import { seedConvention, simplePdf, storeFile } from './belfort-documents';
import { insertCase } from './cases';
import caseData from './data/belfort-ges-case.json';
import { seedDecidedBid } from './bids';
import { findOrCreateOrganisation } from './organisations';
import { seedWriter } from './pathways';

/**
 * MIFE 90's year (issue 20), so that every role finds its main job in the demo:
 *
 * - the director (manager): the funders' envelopes of 2025 and 2026 (State DLA credits cut by almost
 *   a third in 2026, Banque des Territoires, FSE+), what each has committed, ordered, certified,
 *   invoiced and paid; the FSE+ envelope of 2026 is almost exhausted (400 € left) while the
 *   theatre company's consultancy, still in consultation, counts on 1 500 € of it, so its page alerts
 *   (forecast beyond the envelope); an invoice of November 2026 waits for its payment. The Belfort
 *   case's own envelopes of 2016 keep its history.
 * - the coordinator: the attestations de service fait (Belfort's after the final review of November
 *   2016, phase 1 of the Ateliers du Salbert in November 2026).
 * - the provider (COORACE, Marc Lefèvre): its orders (Belfort's, paid; the Ateliers du Salbert's,
 *   phase 1 invoiced, phase 2 to invoice) and its invoices with their PDF.
 * - the funders: their envelopes' figures (the DDETS' demo account reads the State's).
 * - the provider base: four providers with their consultants and themes, one listed and due for
 *   renewal on 20 December 2026, one pending.
 * - the headcounts of Belfort's structures at the diagnostic (October 2015) and at the 6-month
 *   follow-up checkpoint (June 2017), and of the Jardins de la Savoureuse at their diagnostic.
 *
 * The Belfort amounts are the case's: 7 000 € for the consultancy, 4 000 € from the State and 3 000 €
 * from the Banque des Territoires (seeds/belfort.ts). A purchase order is charged to one envelope, so
 * Belfort's order to COORACE is issued as two orders on the same selected bid, one per funder's share.
 * Envelope amounts, invoice numbers, signatories' names and the fictional case of the Ateliers du
 * Salbert are invented, plausible figures.
 *
 * Everything goes through the areas' commands, as each role would have typed it on the day it
 * happened: envelopes and commitments (src/envelopes), orders, attestations, invoices with their PDF
 * and payments (src/payments; the Jardins' and the Ateliers du Salbert's conventions are seeded first,
 * an order needing one), the provider base (src/providers), the snapshots (src/headcounts).
 * Idempotent: nothing is written again when the operator already has its envelopes, a provider its
 * profile, or a structure its snapshot of that day.
 */
type Ids = Record<string, string>;

const at = (day: string) => `${day}T10:00:00+01:00`;

const SALBERT_TITLE = 'Structuration commerciale d’une entreprise d’insertion';

/** The demo's figures of a structure at one date (the case sheet gives only employees and those in insertion). */
type Headcount = {
  cdi: number;
  cdd: number;
  assisted: number;
  insertion: number;
  fte: string;
  volunteers: number;
  budget: string;
};

/**
 * Belfort's structures: the totals are the case sheet's (employees, of whom in insertion), at the
 * diagnostic and still at the follow-up (the parcours checkpoint of 1 June 2017 records the same
 * totals, seeds/pathways.ts). The split by contract follows the kind of SIAE (an AI's employees in
 * insertion are on its insertion contracts; an ACI's on CDDI), and the FTE, volunteers and budgets
 * are plausible figures invented for the demo, not the case sheet's.
 */
const BELFORT_HEADCOUNTS: Record<string, { diagnostic: Headcount; checkpoint?: Headcount }> = {
  'Energie Emploi': {
    diagnostic: { cdi: 6, cdd: 0, assisted: 0, insertion: 150, fte: '52.40', volunteers: 9, budget: '2150000' },
    checkpoint: { cdi: 6, cdd: 0, assisted: 0, insertion: 150, fte: '53.10', volunteers: 10, budget: '2190000' },
  },
  Intermed: {
    diagnostic: { cdi: 5, cdd: 0, assisted: 0, insertion: 91, fte: '33.80', volunteers: 7, budget: '1380000' },
    checkpoint: { cdi: 5, cdd: 0, assisted: 0, insertion: 91, fte: '34.60', volunteers: 8, budget: '1400000' },
  },
  // Chamois left in November 2016: no follow-up checkpoint.
  Chamois: {
    diagnostic: { cdi: 7, cdd: 2, assisted: 0, insertion: 40, fte: '31.50', volunteers: 12, budget: '1120000' },
  },
  Chacasol: {
    diagnostic: { cdi: 2, cdd: 0, assisted: 0, insertion: 13, fte: '10.20', volunteers: 6, budget: '410000' },
    checkpoint: { cdi: 2, cdd: 0, assisted: 0, insertion: 13, fte: '10.40', volunteers: 6, budget: '425000' },
  },
};

export async function seedOperatorYear(
  trx: Knex.Transaction,
  storage: Storage,
  belfortId: string,
  org: Ids,
  users: Ids,
) {
  await seedProviderBase(trx, org, users);
  await seedHeadcounts(trx, org, users);
  if (await trx('funding_envelopes').where({ operator_id: org.mife }).first('id')) return;
  const ids = { ...org, fse: await fseFunder(trx) };
  const jardins = await trx('accompaniments')
    .where({
      operator_id: org.mife,
      title: 'Comptabilité analytique et stratégie commerciale des Jardins de la Savoureuse',
    })
    .first<{ id: Id } | undefined>('id');
  const cases = {
    belfortId,
    jardinsId: jardins ? jardins.id : null,
    salbertId: await seedSalbertCase(trx, org, users),
  };
  await seedConventions(trx, storage, users, cases);
  // The theatre company's consultancy, still in consultation, is to be funded half by the FSE+ and
  // half by the State: the FSE+ envelope of 2026 cannot hold it (the director's page says so).
  const theatre = await trx('accompaniments')
    .where({ operator_id: org.mife, title: 'Structuration de la fonction employeur' })
    .first<{ id: Id } | undefined>('id');
  if (theatre) {
    await setFunding(trx, theatre.id, ids.fse, '1500');
    await setFunding(trx, theatre.id, org.ddets, '1500');
  }
  await seedEnvelopesAndPayments(trx, storage, ids, users, cases);
}

/** The European Social Fund Plus, managed in the region by the State's DREETS. */
const fseFunder = (trx: Knex.Transaction) =>
  findOrCreateOrganisation(trx, {
    kind: 'funder',
    name: 'FSE+ – DREETS Bourgogne-Franche-Comté',
    short_name: 'FSE+',
    department: null,
    funder_type: 'fse',
  });

async function seedEnvelopesAndPayments(
  trx: Knex.Transaction,
  storage: Storage,
  org: Ids,
  users: Ids,
  cases: { belfortId: string; jardinsId: string | null; salbertId: string },
) {
  const director = seedWriter(trx, users['direction@jalons.test']);
  const coordinator = seedWriter(trx, users['coordination@jalons.test']);
  const provider = seedWriter(trx, users['prestataire@jalons.test']);
  // The links of the mails the payments' commands put in the outbox (to the provider, to the direction).
  const mailOpts = { baseUrl: loadConfig().baseUrl };

  const envelope = (
    funder: string,
    year: number,
    label: string,
    amount: string,
    conditions: { types?: string[]; departments?: string; notes?: string } = {},
  ) =>
    createEnvelope(
      director,
      org.mife,
      envelopeSchema.parse({
        label,
        funder_id: org[funder],
        year: String(year),
        amount_eur: amount,
        eligible_action_types: conditions.types ?? [],
        departments: conditions.departments ?? '',
        notes: conditions.notes ?? '',
      }),
    );
  const consultancies = ['individual_consultancy', 'collective_consultancy'];
  const e = {
    state2016: await envelope('ddets', 2016, 'Crédits DLA 2016', '60000'),
    bdt2016: await envelope('bdt', 2016, 'Banque des Territoires – DLA 2016', '25000'),
    state2025: await envelope('ddets', 2025, 'Crédits DLA 2025', '62000'),
    bdt2025: await envelope('bdt', 2025, 'Banque des Territoires – DLA 2025', '24000', { types: consultancies }),
    fse2025: await envelope('fse', 2025, 'FSE+ 2025 – ingénieries', '12000', {
      types: consultancies,
      departments: '90',
    }),
    state2026: await envelope('ddets', 2026, 'Crédits DLA 2026', '42000', {
      notes: 'Crédits de l’État pour le DLA réduits de près d’un tiers par la loi de finances 2026 (62 000 € en 2025).',
    }),
    bdt2026: await envelope('bdt', 2026, 'Banque des Territoires – DLA 2026', '24000', { types: consultancies }),
    fse2026: await envelope('fse', 2026, 'FSE+ 2026 – ingénieries', '10000', {
      types: consultancies,
      departments: '90',
    }),
  };

  /**
   * A case's amount committed on an envelope, ordered from its selected bid, certified, invoiced by the
   * provider with its PDF and, when `paidOn` is given, paid: each step through its area's command, as
   * the director, the coordinator and the provider would have typed it, on its day.
   */
  type Step = {
    accompanimentId: string;
    envelopeId: string;
    committedOn: string;
    orderedOn: string;
    excl: string;
    incl: string;
    certified: { on: string; amount: string; note: string; phase?: number };
    invoice: { number: string; on: string; excl: string; incl: string; subject: string; by: WriteContext };
    paidOn?: string;
  };
  const payProvider = async (x: Step) => {
    const acc = await trx('accompaniments')
      .where({ id: x.accompanimentId })
      .first<Pick<AccompanimentsRow, 'id' | 'operator_id'>>('id', 'operator_id');
    const { id: commitmentId } = await commitOnEnvelope(director, {
      envelopeId: x.envelopeId,
      accompanimentId: x.accompanimentId,
      amountEur: x.incl,
      committedOn: x.committedOn,
    });
    const issued = await issueOrder(
      director,
      { id: acc.id, operator_id: acc.operator_id },
      orderSchema.parse({
        commitment_id: commitmentId,
        issued_on: x.orderedOn,
        amount_excl_vat: x.excl,
        amount_incl_vat: x.incl,
      }),
      mailOpts,
    );
    const order = {
      id: issued.id,
      issued_on: x.orderedOn,
      accompaniment_id: x.accompanimentId,
      operator_id: acc.operator_id,
    };
    const phase = x.certified.phase
      ? await trx('phases')
          .where({ accompaniment_id: x.accompanimentId, position: x.certified.phase })
          .first<{ id: Id } | undefined>('id')
      : null;
    await certifyService(
      coordinator,
      order,
      certificationSchema.parse({
        phase_id: phase ? phase.id : '',
        certified_on: x.certified.on,
        amount: x.certified.amount,
        note: x.certified.note,
      }),
    );
    const i = x.invoice;
    const providerOrg = await trx('purchase_orders as o')
      .join('organisations as p', 'p.id', 'o.provider_id')
      .where('o.id', issued.id)
      .first<Pick<OrganisationsRow, 'id' | 'name'>>('p.id', 'p.name');
    const pdf = await simplePdf(`facture-${i.number}.pdf`, `Facture ${i.number}`, [
      providerOrg.name,
      'À l’attention de : MIFE 90 – Maison de l’Information sur la Formation et l’Emploi, Belfort',
      `Date : ${i.on}`,
      `Objet : ${i.subject} (bon de commande ${issued.number})`,
      `Montant HT : ${i.excl} € — Montant TTC : ${i.incl} €`,
      'Règlement par virement à 30 jours.',
    ]);
    const documentId = await storeFile(trx, storage, {
      accompanimentId: x.accompanimentId,
      purpose: INVOICE_PURPOSE,
      upload: pdf,
      by: i.by.actor.userId ?? '',
      day: i.on,
    });
    const invoiceId = await submitInvoice(
      i.by,
      order,
      invoiceSchema.parse({ number: i.number, invoiced_on: i.on, amount_excl_vat: i.excl, amount_incl_vat: i.incl }),
      { documentId, sha256: pdf.sha256 },
      mailOpts,
    );
    if (x.paidOn)
      await recordPayment(
        director,
        {
          id: invoiceId,
          number: i.number,
          invoiced_on: i.on,
          purchase_order_id: issued.id,
          provider_id: providerOrg.id,
          amount_incl_vat_eur: i.incl,
        },
        paymentSchema.parse({ paid_on: x.paidOn, amount: i.incl, reference: `Virement ${issued.number}` }),
        mailOpts,
      );
  };

  // Belfort: committed at the convention (5 January 2016) on the State's and the Banque des
  // Territoires' envelopes, ordered the same day on COORACE's selected bid (one order per share),
  // certified after the final review (15 November 2016) and the accepted action plan, invoiced and paid
  // in December 2016. COORACE, an association, invoices without VAT.
  for (const [envelopeId, amount, invoice] of [
    [e.state2016, '4000.00', 'COO-2016-118'],
    [e.bdt2016, '3000.00', 'COO-2016-119'],
  ] as const)
    await payProvider({
      accompanimentId: cases.belfortId,
      envelopeId,
      committedOn: '2016-01-05',
      orderedOn: '2016-01-05',
      excl: amount,
      incl: amount,
      certified: {
        on: '2016-11-18',
        amount,
        note: 'Six jours réalisés ; plan d’actions validé le 3 octobre 2016 ; bilan partagé le 15 novembre 2016.',
      },
      invoice: {
        number: invoice,
        on: '2016-11-21',
        excl: amount,
        incl: amount,
        subject: caseData.accompaniment.title,
        by: provider,
      },
      paidOn: '2016-12-15',
    });

  // Jardins de la Savoureuse, 2025: 3 800 € TTC on the State's credits, Coopérative Tisserands (VAT
  // 20 %). The cooperative has no account in the demo: the coordinator recorded its invoice.
  if (cases.jardinsId)
    await payProvider({
      accompanimentId: cases.jardinsId,
      envelopeId: e.state2025,
      committedOn: '2025-04-03',
      orderedOn: '2025-04-03',
      excl: '3166.67',
      incl: '3800.00',
      certified: { on: '2025-10-06', amount: '3800.00', note: 'Quatre jours réalisés ; livrables remis et validés.' },
      invoice: {
        number: 'T-2025-042',
        on: '2025-10-10',
        excl: '3166.67',
        incl: '3800.00',
        subject: 'Comptabilité analytique et stratégie commerciale des Jardins de la Savoureuse',
        by: coordinator,
      },
      paidOn: '2025-11-05',
    });

  // Ateliers du Salbert, 2026: 9 600 € on the FSE+ envelope of 10 000 € (almost exhausted); phase 1
  // certified and invoiced in November 2026, its payment still to record; phase 2 under way.
  await payProvider({
    accompanimentId: cases.salbertId,
    envelopeId: e.fse2026,
    committedOn: '2026-04-15',
    orderedOn: '2026-04-16',
    excl: '9600.00',
    incl: '9600.00',
    certified: {
      on: '2026-11-20',
      amount: '4800.00',
      note: 'Phase 1 : diagnostic commercial et plan d’actions remis et validés ; quatre jours réalisés.',
      phase: 1,
    },
    invoice: {
      number: 'COO-2026-057',
      on: '2026-11-24',
      excl: '4800.00',
      incl: '4800.00',
      subject: `${SALBERT_TITLE} – phase 1`,
      by: provider,
    },
  });
}

/** The conventions of the Jardins' consultancy (2025) and of the Ateliers du Salbert's (2026), signed on paper. */
async function seedConventions(
  trx: Knex.Transaction,
  storage: Storage,
  users: Ids,
  cases: { jardinsId: string | null; salbertId: string },
) {
  const director = { name: 'Hélène Dubois', capacity: 'Directrice de la MIFE 90' };
  if (cases.jardinsId)
    await seedConvention(trx, storage, cases.jardinsId, users, {
      issuedOn: '2025-03-25',
      scanOn: '2025-04-03',
      signatories: {
        'Jardins de la Savoureuse': { name: 'Josiane Vuillemin', capacity: 'Présidente', on: '2025-03-31' },
        operator: { ...director, on: '2025-04-01' },
        provider: { name: 'Pierre Tisserand', capacity: 'Gérant, Coopérative Tisserands', on: '2025-04-03' },
      },
      scanText: ['Exemplaire signé par la structure, le DLA (MIFE 90) et le prestataire (Coopérative Tisserands).'],
    });
  await seedConvention(trx, storage, cases.salbertId, users, {
    issuedOn: '2026-04-08',
    scanOn: '2026-04-15',
    signatories: {
      'Les Ateliers du Salbert': { name: 'Didier Boucard', capacity: 'Président', on: '2026-04-13' },
      operator: { ...director, on: '2026-04-14' },
      provider: { name: 'Marc Lefèvre', capacity: 'Consultant, COORACE – fédération nationale', on: '2026-04-15' },
    },
    scanText: [
      'Exemplaire signé par la structure, le DLA (MIFE 90) et le prestataire (COORACE – fédération nationale).',
    ],
  });
}

/**
 * A fictional individual consultancy of 2026 in delivery (Les Ateliers du Salbert, an entreprise
 * d'insertion), carried by COORACE, funded by the FSE+: the order the provider invoices by phase.
 */
async function seedSalbertCase(trx: Knex.Transaction, org: Ids, users: Ids) {
  const coordinator = users['coordination@jalons.test'];
  const existing = await trx('accompaniments')
    .where({ title: SALBERT_TITLE, operator_id: org.mife })
    .first<{ id: Id } | undefined>('id');
  if (existing) return existing.id;
  const structureId = await findOrCreateOrganisation(trx, {
    kind: 'structure',
    name: 'Les Ateliers du Salbert',
    department: '90',
  });
  await trx('structures')
    .insert({
      organisation_id: structureId,
      legal_form: 'association',
      siae_type: 'EI',
      employees: 24,
      employees_in_insertion: 15,
      city: 'Belfort',
      postcode: '90000',
    })
    .onConflict('organisation_id')
    .ignore();
  const fse = await fseFunder(trx);
  const accId = await insertCase(
    trx,
    {
      operator_id: org.mife,
      coordinator_id: coordinator,
      title: SALBERT_TITLE,
      kind: 'individual',
      state: 'delivery',
      department: '90',
      themes: ['Développement', 'Communication'],
      intake_on: '2026-02-09',
      budget_days: '8',
      budget_eur: '9600',
      planned_start: '2026-04-20',
      planned_end: '2027-01-31',
    },
    [
      [null, 'intake', '2026-02-09'],
      ['intake', 'diagnostic', '2026-02-09'],
      ['diagnostic', 'consultation', '2026-03-02'],
      ['consultation', 'convention', '2026-04-07'],
      ['convention', 'delivery', '2026-04-20'],
    ],
    at,
  );
  await setFunding(trx, accId, fse, '9600');
  await trx('consultations').insert({
    accompaniment_id: accId,
    objectives: 'Structurer l’offre commerciale (bâtiment second œuvre) et outiller le suivi des devis.',
    days: '8',
    budget_eur: '9600',
    deadline: '2026-03-20',
    launched_on: '2026-03-02',
  });
  const bidId = await seedDecidedBid(
    trx,
    {
      accompanimentId: accId,
      providerId: org.coorace,
      invitedOn: '2026-03-02',
      invitationReason: 'Référencé sur le développement commercial des SIAE dans le Territoire de Belfort.',
      suggested: true,
      receivedOn: '2026-03-18',
      proposal: {
        proposal_days: '8',
        proposal_price_eur: '9600',
        method: 'Diagnostic commercial, plan d’actions, puis outils de suivi des devis et formation de l’équipe.',
      },
      decision: 'select',
      decidedOn: '2026-04-07',
      notified: {
        notified_at: at('2026-04-07'),
        notified_on: '2026-04-07',
        notified_channel: 'email',
        notification_recorded_at: at('2026-04-07'),
      },
    },
    coordinator,
  );
  await trx('consultations').where({ accompaniment_id: accId }).update({
    selected_bid_id: bidId,
    selection_rationale: 'Connaissance des entreprises d’insertion et de leurs marchés.',
    selected_on: '2026-04-07',
    selected_by: coordinator,
  });
  await trx('phases').insert([
    {
      accompaniment_id: accId,
      position: 1,
      name: 'Diagnostic commercial et plan d’actions',
      planned_start: '2026-04-20',
      planned_end: '2026-06-30',
      actual_start: '2026-04-27',
      actual_end: '2026-07-10',
      status: 'done',
    },
    {
      accompaniment_id: accId,
      position: 2,
      name: 'Outils de suivi des devis et formation de l’équipe',
      planned_start: '2026-09-01',
      planned_end: '2027-01-31',
      actual_start: '2026-09-14',
      status: 'in_progress',
    },
  ]);
  await addBeneficiary(trx, accId, structureId, '2026-02-09', coordinator);
  return accId;
}

/**
 * The provider base: Belfort's four bidders, with their consultants, themes and listing, through the
 * provider base's commands (src/providers/commands.ts) as a director would have typed them: the
 * application received (pending), then listed a few days later (renewal due a year after).
 */
async function seedProviderBase(trx: Knex.Transaction, org: Ids, users: Ids) {
  const w = seedWriter(trx, users['direction@jalons.test']);
  const profiles: {
    name: string;
    applied: string;
    listed: string | null;
    themes: string[];
    sectors: string[];
    departments: string[];
    description: string;
    consultants: { name: string; email: string; themes: string[] }[];
  }[] = [
    {
      name: 'COORACE – fédération nationale',
      applied: '2026-01-19',
      listed: '2026-02-02',
      themes: ['cooperation', 'governance', 'project_strategy', 'business_development'],
      sectors: ['insertion'],
      departments: [],
      description: 'Fédération nationale de l’insertion par l’activité économique : regroupements, gouvernance.',
      consultants: [
        {
          name: 'Marc Lefèvre',
          email: 'prestataire@jalons.test',
          themes: ['cooperation', 'governance', 'business_development'],
        },
        { name: 'Anne Roche', email: 'a.roche@coorace.test', themes: ['project_strategy', 'human_resources'] },
      ],
    },
    {
      // Listed a year ago: the renewal falls due on 20 December 2026 (the reminder goes out before).
      name: 'Cabinet Hélios Conseil',
      applied: '2025-12-01',
      listed: '2025-12-20',
      themes: ['economic_model', 'accounting', 'funding'],
      sectors: ['insertion', 'culture', 'social_medico_social'],
      departments: ['25', '70', '90'],
      description: 'Cabinet de conseil en gestion : modèle économique, prévisionnel, recherche de financements.',
      consultants: [
        { name: 'Sébastien Grandjean', email: 's.grandjean@helios.test', themes: ['economic_model', 'funding'] },
        { name: 'Laure Mercier', email: 'l.mercier@helios.test', themes: ['accounting'] },
      ],
    },
    {
      name: 'Coopérative Tisserands',
      applied: '2026-02-16',
      listed: '2026-03-02',
      themes: ['accounting', 'business_development', 'cooperation'],
      sectors: ['agriculture_food', 'insertion'],
      departments: ['90'],
      description: 'Coopérative de consultants : comptabilité analytique, stratégie commerciale des chantiers.',
      consultants: [
        { name: 'Pierre Tisserand', email: 'p.tisserand@tisserands.test', themes: ['accounting', 'cooperation'] },
      ],
    },
    {
      // Applied in November 2026: its listing is being examined.
      name: 'ESS Stratégies',
      applied: '2026-11-16',
      listed: null,
      themes: ['project_strategy', 'social_impact', 'legal'],
      sectors: ['insertion', 'circular_economy'],
      departments: ['21', '25', '90'],
      description: 'Conseil en stratégie et évaluation de l’utilité sociale des structures de l’ESS.',
      consultants: [{ name: 'Julien Faure', email: 'j.faure@ess-strategies.test', themes: ['social_impact', 'legal'] }],
    },
  ];
  for (const p of profiles) {
    const id =
      p.name === 'COORACE – fédération nationale'
        ? org.coorace
        : await findOrCreateOrganisation(trx, { kind: 'provider', name: p.name });
    if (await trx('provider_profiles').where({ organisation_id: id }).first('organisation_id')) continue;
    const provider = { id, name: p.name };
    await saveProfile(
      w,
      { ...provider, has_profile: false, themes: [], sectors: [] },
      profileSchema.parse({
        themes: p.themes,
        sectors: p.sectors,
        departments: p.departments.join(', '),
        description: p.description,
        pending_since: p.applied,
      }),
    );
    if (p.listed) await changeListing(w, provider, listingSchema.parse({ event: 'list', happened_on: p.listed }));
    for (const c of p.consultants) await addConsultant(w, provider, consultantSchema.parse({ ...c, active: 'on' }));
  }
}

/** A snapshot of a structure's headcounts (src/headcounts/commands.ts), unless it already has one of that day. */
async function snapshot(
  w: WriteContext,
  by: { organisationId: string; operatorId: string; userId: string },
  on: { recorded_on: string; occasion: 'diagnostic' | 'checkpoint'; pathway_id?: string; checkpoint_months?: string },
  h: Headcount,
) {
  const there = await w
    .trx('structure_headcounts')
    .where({ organisation_id: by.organisationId, recorded_on: on.recorded_on })
    .first<{ id: Id } | undefined>('id');
  if (there) return;
  await recordHeadcount(
    w,
    by,
    headcountSchema.parse({
      ...on,
      employees_cdi: String(h.cdi),
      employees_cdd: String(h.cdd),
      employees_assisted: String(h.assisted),
      employees_insertion: String(h.insertion),
      fte: h.fte,
      volunteers: String(h.volunteers),
      annual_budget_eur: h.budget,
    }),
  );
}

async function seedHeadcounts(trx: Knex.Transaction, org: Ids, users: Ids) {
  const coordinator = users['coordination@jalons.test'];
  const w = seedWriter(trx, coordinator);
  const pathwayOf = async (organisationId: string) => {
    const p = await trx('pathways')
      .where({ operator_id: org.mife, organisation_id: organisationId })
      .orderBy('id')
      .first<{ id: Id } | undefined>('id');
    return p ? p.id : undefined;
  };
  const by = (organisationId: string) => ({ organisationId, operatorId: org.mife, userId: coordinator });
  for (const s of caseData.structures) {
    const figures = BELFORT_HEADCOUNTS[s.name];
    const pathwayId = await pathwayOf(org[s.name]);
    // At the collective diagnostic, written on 1 October 2015 (each structure's parcours shares it).
    await snapshot(
      w,
      by(org[s.name]),
      { recorded_on: '2015-10-01', occasion: 'diagnostic', pathway_id: pathwayId },
      figures.diagnostic,
    );
    if (!figures.checkpoint || !pathwayId) continue;
    // At the parcours' 6-month follow-up checkpoint of 1 June 2017 (seeds/pathways.ts).
    await snapshot(
      w,
      by(org[s.name]),
      { recorded_on: '2017-06-01', occasion: 'checkpoint', pathway_id: pathwayId, checkpoint_months: '6' },
      figures.checkpoint,
    );
  }
  // The Jardins de la Savoureuse at their diagnostic of 27 January 2025 (31 employees, 26 in insertion
  // on CDDI, as the directory says; the rest plausible).
  const jardins = await trx('organisations')
    .where({ kind: 'structure', name: 'Jardins de la Savoureuse' })
    .first<{ id: Id } | undefined>('id');
  if (jardins) {
    await snapshot(
      w,
      by(jardins.id),
      { recorded_on: '2025-01-27', occasion: 'diagnostic', pathway_id: await pathwayOf(jardins.id) },
      { cdi: 4, cdd: 1, assisted: 0, insertion: 26, fte: '22.60', volunteers: 15, budget: '780000' },
    );
  }
}
