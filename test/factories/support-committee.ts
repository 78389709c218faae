import { openPathway } from '../../src/pathways/commands';
import type { Db } from '../../src/platform/db';

/** The parcours of a structure at an operator (opened through the pathways' own command). */
export const pathwayOf = (db: Db, operatorId: string, organisationId: string, openedOn = '2015-07-01') =>
  openPathway(db, { operatorId, organisationId, coordinatorId: null, intakeRequestId: null, openedOn, actorId: null });

/** A meeting of an operator's comité d'appui, as its lifecycle would leave it (creation logged). */
export async function createCommitteeMeeting(
  db: Db,
  operatorId: string,
  opts: { meetsOn?: string; status?: 'planned' | 'held' | 'cancelled'; location?: string } = {},
) {
  const meetsOn = opts.meetsOn ?? '2015-10-13';
  const [{ id }] = await db('support_committee_meetings')
    .insert({
      operator_id: operatorId,
      meets_on: meetsOn,
      status: opts.status ?? 'planned',
      location: opts.location ?? null,
    })
    .returning('id');
  await db('support_committee_meeting_transitions').insert({
    meeting_id: id,
    event: 'create',
    from_status: null,
    to_status: 'planned',
    happened_on: meetsOn,
  });
  return String(id);
}

/**
 * The comité d'appui's favourable opinion on a case, as the gate wants it before the consultation
 * opens (support-committee/gate.ts): a held meeting of the case's operator with an item about the
 * case on the parcours of its first active structure. For tests that move a case to consultation.
 */
export async function favourableOpinion(
  db: Db,
  accompanimentId: string,
  opts: { on?: string; opinion?: string; subject?: string } = {},
) {
  const on = opts.on ?? '2015-10-13';
  const acc = await db('accompaniments').where({ id: accompanimentId }).first('operator_id');
  const structure = await db('accompaniment_beneficiaries')
    .where({ accompaniment_id: accompanimentId })
    .orderBy('id')
    .first('organisation_id');
  const operatorId = String(acc.operator_id);
  const pathwayId = await pathwayOf(db, operatorId, String(structure.organisation_id), on);
  const meetingId = await createCommitteeMeeting(db, operatorId, { meetsOn: on, status: 'held' });
  const [{ id }] = await db('support_committee_items')
    .insert({
      meeting_id: meetingId,
      pathway_id: pathwayId,
      subject: opts.subject ?? 'terms_of_reference',
      accompaniment_id: accompanimentId,
      summary: 'Cahier des charges de l’accompagnement.',
      position: 1,
      opinion: opts.opinion ?? 'favorable',
      opinion_on: on,
    })
    .returning('id');
  return { meetingId, itemId: String(id), pathwayId };
}

/**
 * The operator's settings exempt every kind of consultancy from the comité d'appui's opinion: for
 * tests of other rules that move cases to consultation (support-committee/gate.ts).
 */
export async function exemptFromCommittee(db: Db, operatorId: string) {
  await db('operator_settings')
    .insert({ operator_id: operatorId, committee_exempt_kinds: ['individual', 'collective'] })
    .onConflict('operator_id')
    .merge(['committee_exempt_kinds']);
}
