import type { Knex } from 'knex';
import caseData from './data/belfort-ges-case.json';

type Ids = Record<string, string>;

// The networks' role as the published sheet tells it ("Rôle des réseaux de l'IAE").
const NETWORK_ROLE =
  'Les GES sont nés de la pratique d’adhérents du COORACE, fédération nationale de SIAE. Le réseau a ainsi développé une expertise sur le sujet au niveau national, ' +
  `et a été sélectionné pour l’accompagnement parmi les ${caseData.accompaniment.provider.bidders_solicited} prestataires sollicités par l’appel d’offres. ` +
  `Au niveau local, la ${caseData.accompaniment.followup_relay.name.replace(/^COORACE – /, '')} du COORACE a pris le relais pour le suivi.`;

const PROVIDER_ROLE =
  `${caseData.accompaniment.provider.name}, retenue sur appel d’offres : séance de lancement, ${caseData.steering_sessions.length} séances thématiques du comité de pilotage ` +
  'et élaboration des plans d’actions. Prestataire national, la fédération a trouvé auprès du DLA la connaissance du territoire.';

// The published sheet's own parts: its tag line, the identity box's summary, the definition box,
// « Apports de l'accompagnement DLA », footnotes, sources and credits (people by their roles: the
// demo's people are fictional).
const PARTS = {
  tag_line: 'Regroupement : coopération / mutualisation / fusion',
  summary:
    'Cette fiche synthétise l’accompagnement DLA de quatre SIAE du territoire de Belfort qui ont souhaité se regrouper en créant un Groupe économique solidaire (GES). ' +
    'Elle présente les étapes du regroupement, les facteurs de succès et les risques à éviter dans ce cas.',
  definition_title: 'Le groupe économique solidaire (GES)',
  definition_text: [
    'Le GES est un groupement d’entreprises solidaires (notamment de SIAE) liées par un projet collectif de contribution à la création d’activités économiques sur le territoire. Les principales caractéristiques d’un GES sont :',
    '- Une offre de services coordonnée.',
    '- Une stratégie globale de valorisation et de dynamisation des compétences et des emplois.',
    '- Une gouvernance unifiée.',
    '- Une logique de mutualisation des ressources.',
    '- Des moyens et une communication globalisée.',
  ].join('\n'),
  definition_source:
    'Définition tirée du guide « Les Groupes Économiques Solidaires, acteurs d’un développement économique solidaire et durable », COORACE, 2011.',
  contributions: [
    'Le suivi régulier du DLA tout au long de la prestation a rassuré les structures bénéficiaires et le prestataire, qui avait un interlocuteur privilégié.',
    'Le rôle de tiers neutre du DLA : une interface avec les financeurs (lors du comité d’appui) et le CDIAE.',
    'Pour le prestataire, national : la connaissance du territoire apportée par le DLA.',
    'Un diagnostic qui a fait sortir les structures de leurs logiques individuelles et déclenché le regroupement.',
    'L’orientation vers un prestataire qui a précisément répondu aux enjeux identifiés lors du diagnostic.',
  ],
  footnotes: [
    'MAD : mise à disposition de personnel.',
    'Une réforme du financement de l’IAE s’est opérée en 2014 : une seule modalité de financement pour tous les types de conventionnement, l’aide au poste.',
  ],
  sources:
    'Cette fiche retour d’accompagnement DLA s’appuie sur les entretiens de la chargée de mission DLA de la MIFE, d’un salarié de la fédération nationale du COORACE et des quatre structures bénéficiaires, ' +
    'représentées par leurs directrices et leurs présidents. Les éléments conceptuels sont tirés du guide « Les Groupes Économiques Solidaires, acteurs d’un développement économique solidaire et durable » publié en 2011 par la fédération nationale du COORACE.',
};

type Precision = 'day' | 'early_month' | 'mid_month' | 'month' | 'year';
type Row = {
  kind: 'event' | 'step' | 'outcome';
  actor?: 'operator' | 'provider' | 'relay';
  label: string;
  on?: [string, Precision];
  end?: [string, Precision];
  source?: string;
};

/**
 * The sheet's dates with the source's own precision: « Mi-octobre 2015 », « Novembre 2015 »,
 * « Début janvier 2016 », phases by the month, « courant 2017 », the GES go-live of 1 January 2018.
 * The diagnostic's box and the relay's have no date: the source gives none.
 */
const dates = (chamois: string): Row[] => [
  {
    kind: 'event',
    on: ['2015-10-15', 'mid_month'],
    label: 'Le diagnostic partagé rédigé par le DLA a été signé par les 4 structures.',
  },
  {
    kind: 'event',
    on: ['2015-11-15', 'month'],
    label: 'Les financeurs des structures ont été informés du projet de création d’un GES.',
  },
  {
    kind: 'event',
    on: ['2015-12-01', 'month'],
    label:
      'Le COORACE (fédération nationale) a organisé une séance de travail pour présenter les objectifs et la forme de regroupement choisie, le GES ; salariés et administrateurs y étaient conviés.',
  },
  { kind: 'event', on: ['2015-12-15', 'month'], label: 'Le CDIAE a été averti par le DLA, qui en est membre.' },
  {
    kind: 'event',
    on: ['2016-01-05', 'early_month'],
    label: 'Une convention DLA a été signée entre toutes les structures, le DLA et le prestataire.',
  },
  {
    kind: 'event',
    on: ['2016-11-15', 'month'],
    label: 'Partage du bilan de l’accompagnement et mise en place d’un comité de direction.',
  },
  {
    kind: 'event',
    on: ['2016-11-15', 'month'],
    label: 'Chamois sort du processus de regroupement.',
    source: `withdrawal:${chamois}`,
  },
  { kind: 'event', on: ['2017-06-30', 'year'], label: 'Création de l’association support du GES.' },
  { kind: 'step', actor: 'operator', label: 'Diagnostic DLA réalisé par la MIFE' },
  {
    kind: 'step',
    actor: 'provider',
    on: ['2015-11-01', 'month'],
    label: 'Phase 1 – Réaffirmation du projet politique et organisation stratégique',
  },
  {
    kind: 'step',
    actor: 'provider',
    on: ['2016-01-01', 'month'],
    label: 'Phase 2 – Réflexions stratégiques organisées en 8 groupes de travail',
  },
  {
    kind: 'step',
    actor: 'provider',
    on: ['2016-11-01', 'month'],
    end: ['2017-06-01', 'month'],
    label: 'Phase 3 – Travaux autour de la mise en place opérationnelle du regroupement',
  },
  {
    kind: 'step',
    actor: 'relay',
    label: 'Auto-gestion et suivi par la délégation régionale COORACE',
    source: 'handoff',
  },
  { kind: 'outcome', on: ['2018-01-01', 'day'], label: 'Démarrage effectif et total du GES' },
];

/**
 * The Belfort case's close-out part of the case sheet, copied from the case's facts. No quote:
 * the source's quotes are by real people and the demo's people are fictional, so none is seeded
 * rather than one invented. Idempotent: does nothing when the sheet is already recorded.
 */
export async function seedBelfortCaseSheet(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  await trx('case_sheets')
    .insert({
      accompaniment_id: accompanimentId,
      ...PARTS,
      // The post-2014 reform is explained in footnote 2.
      context: caseData.diagnostic.context.map((c) => (/réforme/.test(c) ? `${c} [2]` : c)),
      prior_links: caseData.prior_links,
      results: caseData.results,
      success_factors: caseData.success_factors,
      risks: caseData.risks,
      advice: [],
      provider_role: PROVIDER_ROLE,
      network_role: NETWORK_ROLE,
      lock_version: 1,
      updated_by: users['coordination@jalons.test'],
    })
    .onConflict('accompaniment_id')
    .ignore();
  if (!(await trx('case_sheet_dates').where({ accompaniment_id: accompanimentId }).first('id')))
    await trx('case_sheet_dates').insert(
      dates(org.Chamois).map((d, i) => ({
        accompaniment_id: accompanimentId,
        position: i + 1,
        kind: d.kind,
        actor: d.actor ?? null,
        label: d.label,
        on_date: d.on?.[0] ?? null,
        on_date_precision: d.on?.[1] ?? 'day',
        end_date: d.end?.[0] ?? null,
        end_date_precision: d.end?.[1] ?? 'day',
        source: d.source ?? null,
      })),
    );
}
