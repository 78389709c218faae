import type { Knex } from 'knex';
import type { FollowUpCheckpointsRow } from '../src/platform/db-tables';
import { openActionsSummary } from '../src/follow-up/queries';
import caseData from './data/belfort-ges-case.json';

type Ids = Record<string, string>;

// The structures still in the group after Chamois withdrew: their headcounts from the case sheet.
const remaining = caseData.structures.filter((s) => s.name !== caseData.withdrawal.structure);
const sum = (k: 'employees' | 'employees_in_insertion') => remaining.reduce((n, s) => n + s[k], 0);
const [accounting, software, statutes] = caseData.post_accompaniment.workstreams;

/**
 * The Belfort case's 6-month checkpoint, recorded by the COORACE relay (the 12- and 18-month ones
 * stay to be recorded: the relay's home page shows them). The checkpoints themselves are scheduled
 * by seedBelfortHandoff. Idempotent: a checkpoint already recorded is left as it is.
 *
 * FICTIONAL DEMO VALUES: the published case stops at the handoff; the ratings, notes and date of
 * this checkpoint are invented to show the screen, only the headcounts come from the case sheet.
 */
export async function seedBelfortFollowUp(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  void org;
  const checkpoint = await trx<FollowUpCheckpointsRow>('follow_up_checkpoints')
    .where({ accompaniment_id: accompanimentId, offset_months: 6 })
    .first('id', 'due_on', 'recorded_at');
  if (!checkpoint || checkpoint.recorded_at) return;
  const openActions = await openActionsSummary(trx, accompanimentId);
  await trx('follow_up_checkpoints')
    .where({ id: checkpoint.id })
    .update({
      jobs_rating: 'stable',
      jobs_note: 'Effectifs permanents et en insertion maintenus dans les trois structures.',
      economic_health_rating: 'improved',
      economic_health_note: 'Premiers effets de la mutualisation des fonctions support sur les coûts.',
      strategic_vision_rating: 'improved',
      strategic_vision_note:
        'Le comité de gestion se réunit tous les mois ; démarrage du GES confirmé au 1er janvier 2018.',
      local_partnerships_rating: 'stable',
      local_partnerships_note:
        'Relations inchangées avec le Conseil départemental et la DDETS ; une ETTI reste intéressée.',
      employees: sum('employees'),
      employees_in_insertion: sum('employees_in_insertion'),
      open_actions: openActions || null,
      notes: [
        `${accounting} : plan de comptes commun adopté, clôture 2017 prévue sur le nouveau plan.`,
        `${software} : choix du logiciel fait, reprise des données en cours.`,
        `${statutes} : projet de statuts relu par les trois conseils d’administration.`,
        'Chamois reste invitée aux groupes de travail.',
      ].join('\n'),
      held_on: checkpoint.due_on,
      recorded_at: `${checkpoint.due_on}T16:00:00+02:00`,
      recorded_by: users['relais@jalons.test'],
      reminder_sent_at: `${checkpoint.due_on}T08:00:00+02:00`,
      lock_version: 1,
    });
}
