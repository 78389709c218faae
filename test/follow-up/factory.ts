import type { Db } from '../../src/platform/db';
import { scheduleCheckpoints } from '../../src/follow-up/schedule';
import { createOperatorTeam, createAccompaniment } from '../factories/accompaniments';
import { createOrganisation, createUser } from '../factories';

/**
 * An accompaniment in follow-up, handed to a relay organisation with one named relay user (a
 * second relay user of the same organisation is not named in the handoff), checkpoints scheduled.
 */
export async function handedOffCase(db: Db, opts: { closedOutOn?: string; offsets?: number[] } = {}) {
  const team = await createOperatorTeam(db);
  const acc = await createAccompaniment(db, {
    operatorId: team.operator.id,
    coordinatorId: team.coordinator.id,
    state: 'follow_up',
    structures: 2,
    title: `Suivi ${Math.random().toString(36).slice(2, 8)}`,
  });
  const relayOrg = await createOrganisation(db, { kind: 'relay' });
  const relay = await createUser(db, { role: 'relay', organisation_id: relayOrg.id });
  const otherRelayColleague = await createUser(db, { role: 'relay', organisation_id: relayOrg.id });
  const closedOutOn = opts.closedOutOn ?? '2016-12-15';
  await db.transaction(async (trx) => {
    const [{ id: handoffId }] = await trx('handoffs')
      .insert({
        accompaniment_id: acc.id,
        relay_id: relayOrg.id,
        summary: 'Suivi confié au relais.',
        handed_off_on: closedOutOn,
        handed_off_by: team.coordinator.id,
      })
      .returning('id');
    await trx('handoff_members').insert({ handoff_id: handoffId, user_id: relay.id });
    await scheduleCheckpoints(trx, acc.id, closedOutOn, opts.offsets ?? [6, 12, 18]);
  });
  const checkpoints: { id: string; offset_months: number; due_on: string }[] = await db('follow_up_checkpoints')
    .where({ accompaniment_id: acc.id })
    .orderBy('offset_months')
    .select('id', 'offset_months', 'due_on');
  return {
    ...team,
    acc,
    relayOrg,
    relay,
    otherRelayColleague,
    checkpoints: checkpoints.map((c) => ({ ...c, id: String(c.id) })),
  };
}

/** A valid checkpoint form (ratings for the four criteria). */
export const validCheckpoint = {
  jobs_rating: 'stable',
  jobs_note: 'Effectifs maintenus.',
  economic_health_rating: 'improved',
  economic_health_note: '',
  strategic_vision_rating: 'improved',
  strategic_vision_note: '',
  local_partnerships_rating: 'unknown',
  local_partnerships_note: '',
  employees: '42',
  employees_in_insertion: '30',
  open_actions: '- Comptabilité commune : en cours',
  notes: 'Point téléphonique avec les directions.',
};
