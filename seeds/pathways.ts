import type { Knex } from 'knex';
import { DEFAULT_ELIGIBILITY_CRITERIA } from '../src/operator-settings/settings';
import { createIntakeRequest, recordOutcome as recordIntakeOutcome } from '../src/intake/commands';
import { intakeSchema, outcomeSchema as intakeOutcomeSchema } from '../src/intake/schemas';
import {
  addAction,
  movePathway,
  recordCheckpoint,
  recordOutcome as recordOrientationOutcome,
  writeDiagnostic,
} from '../src/pathways/record-commands';
import { checkpointSchema, parseAction, parseDiagnostic } from '../src/pathways/schemas';
import { addItem, moveMeeting, recordOpinion } from '../src/support-committee/commands';
import { findItem, type Meeting } from '../src/support-committee/queries';
import { logMeetingCreated } from '../src/support-committee/lifecycle';
import { itemSchema, opinionSchema } from '../src/support-committee/schemas';
import { audit, type Actor } from '../src/platform/audit';
import type { PathwaysRow } from '../src/platform/db-tables';
import type { FieldErrors } from '../src/platform/forms';
import type { Translate } from '../src/platform/i18n';
import type { Id } from '../src/platform/id';
import type { WriteContext } from '../src/platform/write';
import { addBeneficiary } from '../src/accompaniments/beneficiary-lifecycle';
import caseData from './data/belfort-ges-case.json';
import { insertCase } from './cases';
import { seedDecidedBid } from './bids';
import { findOrCreateOrganisation } from './organisations';

/**
 * The DLA parcours of the demo (issue 19), written through the areas' own commands (intake, parcours,
 * comité d'appui), as a coordinator would have typed them, each on the day it happened:
 *
 * - Belfort: the four structures' joint request of 15 June 2015 to MIFE 90, answered by the collective
 *   diagnostic on 1 July 2015; each parcours holds its part of that diagnostic, the comité d'appui's
 *   opinion (seeds/belfort-committee.ts), the collective consultancy, Chamois' exit (its consultancy
 *   cancelled on 15 November 2016, seeds/belfort.ts) and, for the three that stayed, the 6-month
 *   follow-up checkpoint with their headcounts from the case sheet.
 * - Fictional structures of the Territoire de Belfort: an orientation only (Épicerie solidaire des
 *   Forges, to France Active), appui-conseil only (Vélo Solidaire Belfort), an individual consultancy
 *   in 2025 then the collective one of 2026 (Jardins de la Savoureuse), the requests of the two other
 *   demo cases (the ressourcerie's diagnostic on the agenda of the comité d'appui of 15 December 2026),
 *   and a few requests: oriented without a parcours, not eligible, and two still open, one unanswered
 *   since October 2026 (the coordinator's home reminds of it).
 *
 * Deterministic (fixed dates and texts) and idempotent: a request already recorded for the same
 * structure and day is not recorded again, and what hangs on it is then left as it is.
 */

type Ids = Record<string, string>;

/** The form parsers' messages are catalogue keys: the seeds keep the keys (a refusal throws). */
const keysOnly = ((key: string) => key) as Translate;

/** A comité d'appui meeting as its commands need it (addItem, moveMeeting, recordOpinion): its id, operator and status. */
const meetingOf = (trx: Knex.Transaction, id: string) =>
  trx('support_committee_meetings')
    .where({ id })
    .first<Pick<Meeting, 'id' | 'operator_id' | 'status'>>('id', 'operator_id', 'status');

/** The write context of a seed step: audited as `userId`, request id 'seed:demo'. */
export function seedWriter(trx: Knex.Transaction, userId: string): WriteContext {
  const actor: Actor = { userId, ip: null, requestId: 'seed:demo' };
  return { trx, actor, audit: (entry) => audit(trx, actor, entry) };
}

type Parsed = { ok: true; data: unknown } | { ok: false; errors: FieldErrors };
function must<R extends Parsed>(parsed: R): Extract<R, { ok: true }>['data'] {
  if (!parsed.ok) throw new Error(`demo seed: refused ${JSON.stringify(parsed.errors)}`);
  return (parsed as Extract<R, { ok: true }>).data;
}

type Request = {
  structure: string;
  received_on: string;
  channel: 'phone' | 'email' | 'event' | 'partner_referral' | 'other';
  referred_by?: string;
  contact_name: string;
  contact_role: string;
  need: string;
  outcome?: {
    outcome: 'diagnostic' | 'oriented' | 'not_eligible' | 'no_follow_up';
    on: string;
    partner?: string;
    reason?: string;
  };
};

type Pathway = Pick<PathwaysRow, 'id' | 'opened_on' | 'organisation_id' | 'operator_id'>;

/** Records a request (and its outcome); the parcours it opened, if any. Null when it was already there. */
async function request(w: WriteContext, operatorId: string, orgId: string, ownerId: string, r: Request) {
  const existing = await w
    .trx('intake_requests')
    .where({ operator_id: operatorId, organisation_id: orgId, received_on: r.received_on })
    .first<{ id: Id } | undefined>('id');
  if (existing) return null;
  const input = intakeSchema.parse({
    structure_mode: 'existing',
    organisation_id: orgId,
    contact_name: r.contact_name,
    contact_role: r.contact_role,
    received_on: r.received_on,
    channel: r.channel,
    referred_by: r.referred_by,
    need: r.need,
    eligibility_met: [...DEFAULT_ELIGIBILITY_CRITERIA],
    owner_id: ownerId,
  });
  const id = await createIntakeRequest(w, operatorId, input, ownerId);
  if (!r.outcome) return null;
  const outcome = intakeOutcomeSchema.parse({
    outcome: r.outcome.outcome,
    outcome_on: r.outcome.on,
    outcome_partner: r.outcome.partner,
    outcome_reason: r.outcome.reason,
  });
  const pathwayId = await recordIntakeOutcome(
    w,
    { id, operator_id: operatorId, organisation_id: orgId, owner_id: ownerId },
    outcome,
    ownerId,
  );
  return pathwayId ? pathwayOf(w, pathwayId) : null;
}

async function pathwayOf(w: WriteContext, id: string): Promise<Pathway> {
  return w.trx('pathways').where({ id }).first<Pathway>('id', 'opened_on', 'organisation_id', 'operator_id');
}

const record = (w: WriteContext, p: Pathway, body: Record<string, string>) =>
  addAction(w, p, must(parseAction({ mode: 'record', ...body }, keysOnly)));

/** A structure of the directory (found by name), with its few facts. */
async function structure(
  trx: Knex.Transaction,
  name: string,
  facts: { legal_form: string; siae_type?: string | null; employees: number; insertion: number; city?: string },
) {
  const id = await findOrCreateOrganisation(trx, { kind: 'structure', name, department: '90' });
  await trx('structures')
    .insert({
      organisation_id: id,
      legal_form: facts.legal_form,
      siae_type: facts.siae_type ?? null,
      employees: facts.employees,
      employees_in_insertion: facts.insertion,
      city: facts.city ?? 'Belfort',
      postcode: '90000',
    })
    .onConflict('organisation_id')
    .ignore();
  return id;
}

const BELFORT_CONTACTS: Record<string, [string, string]> = {
  'Energie Emploi': ['Claire Vautrin', 'Directrice'],
  Intermed: ['Claire Vautrin', 'Directrice'],
  Chamois: ['Yves Boillot', 'Salarié'],
  Chacasol: ['Sandrine Lallemand', 'Directrice'],
};

/** Belfort's four parcours, around the case seeded by seeds/belfort.ts (its structures already have their consultancy action). */
export async function seedBelfortPathways(trx: Knex.Transaction, belfortId: string, org: Ids, users: Ids) {
  const coordinator = users['coordination@jalons.test'];
  const w = seedWriter(trx, coordinator);
  for (const s of caseData.structures) {
    const [contact_name, contact_role] = BELFORT_CONTACTS[s.name];
    const p = await request(w, org.mife, org[s.name], coordinator, {
      structure: s.name,
      received_on: '2015-06-15',
      channel: 'email',
      contact_name,
      contact_role,
      need: 'Demande conjointe des quatre SIAE du Territoire de Belfort : étudier un regroupement (groupe économique solidaire) pour pérenniser, sécuriser et développer leurs activités.',
      outcome: { outcome: 'diagnostic', on: '2015-07-01' },
    });
    if (!p) continue;
    // Its part of the collective diagnostic written with the four structures (validated mid-October 2015).
    await writeDiagnostic(
      w,
      p,
      must(parseDiagnostic({ mode: 'shared', shared_diagnostic_accompaniment_id: belfortId }, keysOnly)),
    );
    if (s.name === caseData.withdrawal.structure) continue;
    // Six months after its consultancy ended (follow-up from 1 December 2016): headcounts of the case sheet.
    await recordCheckpoint(
      w,
      p,
      { offset_months: 6, due_on: '2017-06-01' },
      checkpointSchema.parse({
        held_on: '2017-06-01',
        employees: String(s.employees),
        employees_in_insertion: String(s.employees_in_insertion),
        notes: 'Comité de direction du GES mensuel ; comptabilité commune et fusion des logiciels en cours.',
      }),
    );
  }
}

/** The fictional parcours and requests of MIFE 90. Runs before seedOtherCases, whose cases join the parcours opened here. */
export async function seedDemoPathways(trx: Knex.Transaction, org: Ids, users: Ids) {
  const coordinator = users['coordination@jalons.test'];
  const manager = users['direction@jalons.test'];
  const w = seedWriter(trx, coordinator);
  const mife = org.mife;

  // Orientation only: the need is financial; France Active grants a loan, the parcours closes.
  const forges = await structure(trx, 'Épicerie solidaire des Forges', {
    legal_form: 'association',
    employees: 7,
    insertion: 3,
  });
  const pForges = await request(w, mife, forges, coordinator, {
    structure: 'Épicerie solidaire des Forges',
    received_on: '2026-03-09',
    channel: 'phone',
    contact_name: 'Agnès Roussel',
    contact_role: 'Présidente',
    need: 'Financer un véhicule frigorifique et renforcer les fonds propres avant l’ouverture d’un second point de vente.',
    outcome: { outcome: 'diagnostic', on: '2026-03-16' },
  });
  if (pForges) {
    await writeDiagnostic(
      w,
      pForges,
      must(
        parseDiagnostic(
          {
            mode: 'own',
            diagnosed_on: '2026-03-30',
            diagnostic_summary:
              'Modèle économique équilibré, gouvernance active ; le besoin est d’abord un besoin de financement.',
            diagnostic_needs: 'Prêt pour le véhicule, renforcement des fonds propres.',
            diagnostic_recommendations:
              'Orienter vers France Active Franche-Comté ; pas d’accompagnement DLA nécessaire.',
          },
          keysOnly,
        ),
      ),
    );
    const orientation = await record(w, pForges, {
      kind: 'orientation',
      partner: 'France Active Franche-Comté',
      happened_on: '2026-04-02',
      notes: 'Dossier transmis avec l’accord de la présidente.',
    });
    await recordOrientationOutcome(
      w,
      pForges,
      { id: orientation, kind: 'orientation', ended_on: '2026-04-02' },
      { outcome: 'Prêt participatif de 15 000 € accordé.', outcome_on: '2026-06-15' },
    );
    await movePathway(w, pForges, 'close', {
      happened_on: '2026-06-15',
      reason: 'Orientée vers France Active : le besoin de financement est couvert.',
    });
  }

  // Appui-conseil only: two sessions with the coordinator, then the follow-up six months later.
  const velo = await structure(trx, 'Vélo Solidaire Belfort', {
    legal_form: 'association',
    employees: 4,
    insertion: 0,
  });
  const pVelo = await request(w, mife, velo, coordinator, {
    structure: 'Vélo Solidaire Belfort',
    received_on: '2026-01-12',
    channel: 'email',
    contact_name: 'Théo Marchal',
    contact_role: 'Coordinateur',
    need: 'Construire le budget prévisionnel 2026 et préparer une demande de subvention.',
    outcome: { outcome: 'diagnostic', on: '2026-01-19' },
  });
  if (pVelo) {
    await writeDiagnostic(
      w,
      pVelo,
      must(
        parseDiagnostic(
          {
            mode: 'own',
            diagnosed_on: '2026-01-26',
            diagnostic_summary: 'Jeune association en croissance ; outils de gestion à construire.',
            diagnostic_needs: 'Budget prévisionnel, dossier de subvention.',
            diagnostic_recommendations: 'Deux séances d’appui-conseil.',
          },
          keysOnly,
        ),
      ),
    );
    await record(w, pVelo, {
      kind: 'advice',
      title: 'Budget prévisionnel 2026',
      happened_on: '2026-02-03',
      hours: '3',
    });
    await record(w, pVelo, {
      kind: 'advice',
      title: 'Dossier de demande de subvention FDVA',
      happened_on: '2026-03-10',
      hours: '2,5',
    });
    await recordCheckpoint(
      w,
      pVelo,
      { offset_months: 6, due_on: '2026-09-10' },
      checkpointSchema.parse({
        held_on: '2026-09-15',
        employees: '5',
        employees_in_insertion: '0',
        notes: 'Subvention obtenue ; un poste d’animateur créé.',
      }),
    );
    await movePathway(w, pVelo, 'close', {
      happened_on: '2026-09-15',
      reason: 'Besoin couvert par l’appui-conseil du DLA.',
    });
  }

  // An individual consultancy in 2025 (before the collective case of seedOtherCases, which joins this parcours).
  const jardins = await structure(trx, 'Jardins de la Savoureuse', {
    legal_form: 'association',
    siae_type: 'ACI',
    employees: 31,
    insertion: 26,
  });
  const pJardins = await request(w, mife, jardins, coordinator, {
    structure: 'Jardins de la Savoureuse',
    received_on: '2025-01-06',
    channel: 'partner_referral',
    referred_by: 'DDETS du Territoire de Belfort',
    contact_name: 'Mathilde Cuenot',
    contact_role: 'Directrice',
    need: 'Rétablir l’équilibre financier du chantier après la baisse des ventes de paniers.',
    outcome: { outcome: 'diagnostic', on: '2025-01-13' },
  });
  if (pJardins) {
    await writeDiagnostic(
      w,
      pJardins,
      must(
        parseDiagnostic(
          {
            mode: 'own',
            diagnosed_on: '2025-01-27',
            diagnostic_summary: 'Chantier d’insertion maraîcher : ventes en baisse, coûts de production mal connus.',
            diagnostic_needs: 'Comptabilité analytique, stratégie commerciale.',
            diagnostic_recommendations:
              'Accompagnement individuel de quatre jours, puis réflexion sur une comptabilité mutualisée.',
          },
          keysOnly,
        ),
      ),
    );
    await seedJardinsCase(trx, org, coordinator, jardins);
    // The comité d'appui of February 2025 reviewed the diagnostic before the consultation.
    // Planned on 20 January 2025 (createMeeting would log its creation on the day the seed runs).
    const [{ id: meetingId }] = await trx('support_committee_meetings')
      .insert({ operator_id: mife, meets_on: '2025-02-18', location: 'MIFE 90, Belfort' })
      .returning<{ id: Id }[]>('id');
    await logMeetingCreated(trx, meetingId, '2025-01-20', manager);
    const meeting = () => meetingOf(trx, meetingId);
    const itemId = await addItem(
      w,
      await meeting(),
      itemSchema.parse({
        pathway_id: pJardins.id,
        subject: 'diagnostic',
        summary:
          'Chantier maraîcher, 31 salariés dont 26 en insertion : ventes en baisse, coûts mal connus. Proposition : accompagnement individuel (comptabilité analytique, stratégie commerciale).',
      }),
    );
    await moveMeeting(w, await meeting(), { event: 'hold', happened_on: '2025-02-18', reason: null }, manager);
    await recordOpinion(
      w,
      await meeting(),
      await findItem(trx, meetingId, itemId),
      opinionSchema.parse({
        opinion: 'favorable_with_reservations',
        opinion_comment: 'Associer le réseau des Jardins de Cocagne à la rédaction du cahier des charges.',
        opinion_on: '2025-02-18',
      }),
      manager,
    );
  }

  // The requests of the two other demo cases (their parcours open with their case, seedOtherCases).
  const lion = await structure(trx, 'La Ressourcerie du Lion', {
    legal_form: 'association',
    siae_type: 'ACI',
    employees: 22,
    insertion: 18,
  });
  const pLion = await request(w, mife, lion, coordinator, {
    structure: 'La Ressourcerie du Lion',
    received_on: '2026-09-01',
    channel: 'event',
    contact_name: 'Karim Benali',
    contact_role: 'Directeur',
    need: 'Consolider le modèle économique après la perte d’un marché de collecte.',
    outcome: { outcome: 'diagnostic', on: '2026-09-14' },
  });
  if (pLion) {
    // Its diagnostic goes to the comité d'appui of 15 December 2026, still to be held: its consultation
    // cannot open before a favourable opinion (support-committee/gate.ts).
    const [{ id: meetingRow }] = await trx('support_committee_meetings')
      .insert({ operator_id: mife, meets_on: '2026-12-15', location: 'MIFE 90, Belfort' })
      .returning<{ id: Id }[]>('id');
    await logMeetingCreated(trx, meetingRow, '2026-11-30', manager);
    await addItem(
      w,
      await meetingOf(trx, meetingRow),
      itemSchema.parse({
        pathway_id: pLion.id,
        subject: 'diagnostic',
        summary:
          'Ressourcerie, 22 salariés dont 18 en insertion : perte du marché de collecte en 2026. Proposition : accompagnement individuel sur le modèle économique (diversification des apports, boutique).',
      }),
    );
  }
  const theatre = await structure(trx, 'Compagnie Théâtre en Marche', {
    legal_form: 'association',
    employees: 6,
    insertion: 0,
  });
  await request(w, mife, theatre, coordinator, {
    structure: 'Compagnie Théâtre en Marche',
    received_on: '2026-05-18',
    channel: 'phone',
    contact_name: 'Inès Perrin',
    contact_role: 'Administratrice',
    need: 'Structurer la fonction employeur (contrats, paie, planning des intermittents).',
    outcome: { outcome: 'diagnostic', on: '2026-06-02' },
  });

  // Requests without a parcours: oriented at once, not eligible, and two still open.
  const bobine = await structure(trx, 'Café associatif La Bobine', {
    legal_form: 'association',
    employees: 2,
    insertion: 0,
  });
  await request(w, mife, bobine, coordinator, {
    structure: 'Café associatif La Bobine',
    received_on: '2026-05-04',
    channel: 'event',
    contact_name: 'Lucie Bourquin',
    contact_role: 'Trésorière',
    need: 'Former les nouveaux administrateurs à leur rôle d’employeur.',
    outcome: {
      outcome: 'oriented',
      on: '2026-05-12',
      partner: 'URSIEA Bourgogne-Franche-Comté',
      reason: 'Formation des bénévoles dirigeants proposée par le réseau ; pas de besoin d’accompagnement.',
    },
  });
  const bati = await structure(trx, 'Bâti Conseil 90', { legal_form: 'sarl', employees: 12, insertion: 0 });
  await request(w, mife, bati, coordinator, {
    structure: 'Bâti Conseil 90',
    received_on: '2026-04-08',
    channel: 'phone',
    contact_name: 'Marc Jacquot',
    contact_role: 'Gérant',
    need: 'Accompagnement à la reprise de l’entreprise.',
    outcome: {
      outcome: 'not_eligible',
      on: '2026-04-09',
      reason: 'Entreprise commerciale hors du champ de l’économie sociale et solidaire ; orientée vers la CCI.',
    },
  });
  const regie = await structure(trx, 'Régie de quartier des Résidences', {
    legal_form: 'association',
    siae_type: 'EI',
    employees: 18,
    insertion: 12,
  });
  await request(w, mife, regie, coordinator, {
    structure: 'Régie de quartier des Résidences',
    received_on: '2026-10-05',
    channel: 'phone',
    contact_name: 'Sylvie Demougeot',
    contact_role: 'Directrice',
    need: 'Renouveler le projet associatif avant le renouvellement du conventionnement IAE.',
  });
  const textile = await structure(trx, 'Solidarité Textile 90', {
    legal_form: 'association',
    siae_type: 'ACI',
    employees: 14,
    insertion: 11,
  });
  await request(w, mife, textile, coordinator, {
    structure: 'Solidarité Textile 90',
    received_on: '2026-11-20',
    channel: 'partner_referral',
    referred_by: 'Ville de Belfort',
    contact_name: 'Fatou Diallo',
    contact_role: 'Responsable d’atelier',
    need: 'Étudier la création d’une boutique de seconde main avec une autre structure.',
  });
}

/**
 * Jardins de la Savoureuse's individual consultancy of 2025 (a fictional, finished case), recorded
 * as seedOtherCases records its cases; the structure joining it puts it in the parcours.
 */
async function seedJardinsCase(trx: Knex.Transaction, org: Ids, coordinator: string, jardins: string) {
  const title = 'Comptabilité analytique et stratégie commerciale des Jardins de la Savoureuse';
  if (await trx('accompaniments').where({ title, operator_id: org.mife }).first('id')) return;
  const accId = await insertCase(
    trx,
    {
      operator_id: org.mife,
      coordinator_id: coordinator,
      title,
      kind: 'individual',
      state: 'closed',
      department: '90',
      themes: ['Comptabilité', 'Développement'],
      intake_on: '2025-01-13',
      budget_days: '4',
      budget_eur: '3800',
      planned_start: '2025-04-01',
      planned_end: '2025-09-30',
    },
    [
      [null, 'intake', '2025-01-13'],
      ['intake', 'diagnostic', '2025-01-13'],
      ['diagnostic', 'consultation', '2025-02-24'],
      ['consultation', 'convention', '2025-03-24'],
      ['convention', 'delivery', '2025-04-07'],
      ['delivery', 'close_out', '2025-09-29'],
      ['close_out', 'closed', '2025-10-20'],
    ],
    (day) => `${day}T10:00:00+02:00`,
  );
  await trx('accompaniment_funding').insert({ accompaniment_id: accId, funder_id: org.ddets, amount_eur: 3800 });
  const provider = await findOrCreateOrganisation(trx, { kind: 'provider', name: 'Coopérative Tisserands' });
  await trx('consultations').insert({
    accompaniment_id: accId,
    objectives: 'Mettre en place une comptabilité analytique par activité et une stratégie de vente des paniers.',
    days: '4',
    budget_eur: '3800',
    deadline: '2025-03-07',
    launched_on: '2025-02-24',
  });
  const bidId = await seedDecidedBid(
    trx,
    {
      accompanimentId: accId,
      providerId: provider,
      invitedOn: '2025-02-24',
      receivedOn: '2025-03-10',
      proposal: {
        proposal_days: '4',
        proposal_price_eur: '3800',
        method: 'Deux jours de comptabilité analytique, deux jours de stratégie commerciale.',
      },
      decision: 'select',
      decidedOn: '2025-03-24',
      notified: {
        notified_at: '2025-03-24T09:00:00+01:00',
        notified_on: '2025-03-24',
        notified_channel: 'email',
        notification_recorded_at: '2025-03-24T09:00:00+01:00',
      },
    },
    coordinator,
  );
  await trx('consultations').where({ accompaniment_id: accId }).update({
    selected_bid_id: bidId,
    selection_rationale: 'Seule coopérative du territoire spécialisée dans les chantiers maraîchers.',
    selected_on: '2025-03-24',
    selected_by: coordinator,
  });
  await addBeneficiary(trx, accId, jardins, '2025-01-13', coordinator);
}
