import type { Knex } from 'knex';
import type { DiagnosticObjectivesRow } from '../src/platform/db-tables';

type Ids = Record<string, string>;

// The published case sheet reports the results in prose and no satisfaction survey: the scores,
// comments and per-objective grading below are FICTIONAL, made plausible from the sheet (text
// fédérateur shared at the AGs, support association expected during 2017, accounting and
// software merge still to do). Chamois left in November 2016, so only three structures answer.
const SURVEYS: {
  structure: string;
  by: 'structure' | 'coordinator';
  scores: [number, number, number, number];
  comment: string;
}[] = [
  {
    structure: 'Intermed',
    by: 'structure',
    scores: [5, 4, 4, 5],
    comment: 'Une démarche qui nous a fait sortir de nos logiques individuelles ; le plan d’actions reste à décliner.',
  },
  {
    structure: 'Energie Emploi',
    by: 'coordinator',
    scores: [4, 5, 4, 4],
    comment: 'Prestataire à l’écoute ; le calendrier des séances était serré.',
  },
  {
    structure: 'Chacasol',
    by: 'coordinator',
    scores: [4, 4, 3, 4],
    comment: 'Diagnostic fiscal utile ; la question de la fiscalité au sein du groupe reste ouverte.',
  },
];

const RESULTS: Record<string, ['met' | 'partly' | 'not', string]> = {
  'Accompagnement socio-professionnel': [
    'partly',
    'Pratiques mises en cohérence ; l’offre commune d’accompagnement reste à construire.',
  ],
  Communication: [
    'met',
    'Texte fédérateur rédigé et partagé aux administrateurs lors des AG ; les marques sont conservées.',
  ],
  Comptabilité: ['partly', 'Service comptable commun en chantier (groupe de travail Comptabilité).'],
  Juridique: ['partly', 'Fiches de poste des fonctions transversales à rédiger.'],
  Achat: ['not', 'Achats groupés non engagés pendant l’accompagnement.'],
  Développement: ['not', 'Le modèle économique ne permet pas le poste mutualisé au démarrage.'],
  Trésorerie: ['partly', 'Convention d’apports de trésorerie réciproque en préparation.'],
  Gouvernance: ['partly', 'Comité de direction mis en place ; association support prévue courant 2017.'],
};

const NEW_NEEDS = ['Comptabilité commune', 'Fusion des logiciels', 'Statuts de l’association support du GES'];

/** The Belfort case's close-out (satisfaction survey, results per objective, new needs). Idempotent: does nothing when already recorded. */
export async function seedBelfortCloseOut(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  if (await trx('close_outs').where({ accompaniment_id: accompanimentId }).first('accompaniment_id')) return;
  const coordinatorId = users['coordination@jalons.test'];
  const at = '2016-11-25T10:00:00+01:00';
  for (const s of SURVEYS) {
    const [quality, listening, deliverables, overall] = s.scores;
    await trx('satisfaction_surveys')
      .insert({
        accompaniment_id: accompanimentId,
        organisation_id: org[s.structure],
        score_quality: quality,
        score_listening: listening,
        score_deliverables: deliverables,
        score_overall: overall,
        comment: s.comment,
        answered_by: s.by === 'structure' ? users['structure@jalons.test'] : coordinatorId,
        on_behalf: s.by !== 'structure',
        created_at: at,
        updated_at: at,
      })
      .onConflict(['accompaniment_id', 'organisation_id'])
      .ignore();
  }
  const objectives = await trx<DiagnosticObjectivesRow>('diagnostic_objectives')
    .where({ accompaniment_id: accompanimentId })
    .select('id', 'theme');
  for (const o of objectives) {
    const r = RESULTS[o.theme];
    if (!r) continue;
    await trx('objective_results')
      .insert({
        objective_id: o.id,
        accompaniment_id: accompanimentId,
        result: r[0],
        comment: r[1],
        recorded_by: coordinatorId,
        updated_at: at,
      })
      .onConflict('objective_id')
      .ignore();
  }
  await trx('close_outs').insert({
    accompaniment_id: accompanimentId,
    new_needs: NEW_NEEDS,
    updated_by: coordinatorId,
    updated_at: at,
  });
}
