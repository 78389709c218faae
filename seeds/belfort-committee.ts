import type { Knex } from 'knex';
import type { Id } from '../src/platform/id';
import { openPathway } from '../src/pathways/commands';

type Ids = Record<string, string>;

const STRUCTURES = ['Energie Emploi', 'Intermed', 'Chamois', 'Chacasol'];
const MEETS_ON = '2015-10-13';

/**
 * MIFE 90's comité d'appui and its meeting of 13 October 2015: the collective diagnostic of the
 * Belfort GES (written on 1 October) reviewed on each of the four structures' parcours, with a
 * favourable opinion, before the consultation opened on 15 October (support-committee/gate.ts). The
 * DDETS' demo account sits on the committee: it reads that agenda (summaries and opinions), not the
 * diagnostic. Members and their words are fictional; the dates are the case's. Idempotent.
 */
export async function seedBelfortCommittee(trx: Knex.Transaction, accId: string, org: Ids, users: Ids) {
  const operatorId = org.mife;
  if (await trx('support_committee_meetings').where({ operator_id: operatorId, meets_on: MEETS_ON }).first('id'))
    return;
  const coordinatorId = users['coordination@jalons.test'];

  await trx('support_committee_members').insert([
    {
      operator_id: operatorId,
      name: 'Hélène Girardot',
      email: 'financeur@jalons.test',
      member_kind: 'funder',
      organisation_id: org.ddets,
      user_id: users['financeur@jalons.test'],
    },
    { operator_id: operatorId, name: 'Paul Vernier', member_kind: 'funder', organisation_id: org.bdt },
    {
      operator_id: operatorId,
      name: 'Nadia Chevalier',
      member_kind: 'network',
      organisation_name: 'France Active Franche-Comté',
    },
    {
      operator_id: operatorId,
      name: 'Luc Bernardin',
      member_kind: 'resource_centre',
      organisation_name: 'CRESS Bourgogne-Franche-Comté',
    },
    {
      operator_id: operatorId,
      name: 'Claire Coordination',
      email: 'coordination@jalons.test',
      member_kind: 'operator',
      organisation_id: operatorId,
      user_id: coordinatorId,
    },
  ]);

  const [{ id: meetingId }] = await trx('support_committee_meetings')
    .insert({
      operator_id: operatorId,
      meets_on: MEETS_ON,
      location: 'MIFE 90, Belfort',
      status: 'held',
      minutes: [
        'Présents : DDETS 90, Banque des Territoires, France Active Franche-Comté, CRESS, MIFE 90.',
        '- Diagnostic collectif des quatre SIAE du GES : avis favorable à l’unanimité.',
        '- Le cahier des charges portera sur le projet politique commun, l’organisation et le plan d’actions.',
      ].join('\n'),
    })
    .returning<{ id: Id }[]>('id');
  await trx('support_committee_meeting_transitions').insert([
    {
      meeting_id: meetingId,
      event: 'create',
      from_status: null,
      to_status: 'planned',
      happened_on: '2015-09-15',
      actor_id: coordinatorId,
      at: '2015-09-15T10:00:00+02:00',
    },
    {
      meeting_id: meetingId,
      event: 'hold',
      from_status: 'planned',
      to_status: 'held',
      happened_on: MEETS_ON,
      actor_id: coordinatorId,
      at: `${MEETS_ON}T17:00:00+02:00`,
    },
  ]);

  for (const [i, name] of STRUCTURES.entries()) {
    const pathwayId = await openPathway(trx, {
      operatorId,
      organisationId: org[name],
      coordinatorId,
      intakeRequestId: null,
      openedOn: '2015-06-15',
      actorId: coordinatorId,
    });
    await trx('support_committee_items').insert({
      meeting_id: meetingId,
      pathway_id: pathwayId,
      subject: 'diagnostic',
      accompaniment_id: accId,
      summary: `${name} : diagnostic collectif partagé des quatre SIAE du GES de Belfort (compétences inégales en RH, communication, comptabilité ; renouvellement des administrateurs). Proposition : un accompagnement collectif de 6 jours vers un projet politique commun et une organisation mutualisée.`,
      position: i + 1,
      opinion: 'favorable',
      opinion_comment: null,
      opinion_on: MEETS_ON,
      opinion_by: coordinatorId,
    });
  }
}
