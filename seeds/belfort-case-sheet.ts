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

/**
 * The Belfort case's close-out part of the case sheet, copied from the case's facts. No quote:
 * the source's quotes are by real people and the demo's people are fictional, so none is seeded
 * rather than one invented. Idempotent: does nothing when the sheet is already recorded.
 */
export async function seedBelfortCaseSheet(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  void org;
  await trx('case_sheets')
    .insert({
      accompaniment_id: accompanimentId,
      context: caseData.diagnostic.context,
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
}
