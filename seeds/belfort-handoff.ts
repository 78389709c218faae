import type { Knex } from 'knex';
import type { Id } from '../src/platform/id';
import { loadConfig } from '../src/config';
import { scheduleCheckpoints } from '../src/follow-up/schedule';
import caseData from './data/belfort-ges-case.json';

type Ids = Record<string, string>;

// The source gives the close-out (final review, Nov. 2016) and the follow-up start (Dec. 2016),
// as in seeds/belfort.ts's transitions; the key dates are the case's own milestones.
const HANDED_OFF_ON = '2016-12-01';
const CLOSED_OUT_ON = '2016-11-15';
const KEY_DATES = [
  { on_date: '2017-06-30', approximate: true, label: 'Création de l’association support du GES (prévue courant 2017)' },
  { on_date: '2018-01-01', approximate: false, label: 'Démarrage effectif et total du GES' },
];

/**
 * The Belfort case's handoff to the COORACE regional delegation, acknowledged by its relay user,
 * and the follow-up checkpoints counted from the close-out. Idempotent: does nothing when the
 * handoff is already recorded (the checkpoints are idempotent too).
 */
export async function seedBelfortHandoff(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  const relayUser = users['relais@jalons.test'];
  const coordinatorId = users['coordination@jalons.test'];
  const exists = await trx('handoffs').where({ accompaniment_id: accompanimentId }).first<{ id: Id } | undefined>('id');
  if (!exists) {
    const title = caseData.accompaniment.title;
    const post = caseData.post_accompaniment;
    const [row] = await trx('handoffs')
      .insert({
        accompaniment_id: accompanimentId,
        relay_id: org.relay,
        summary: [
          title,
          caseData.accompaniment.objective,
          `Chamois est sortie du processus après le bilan de novembre 2016 ; retour possible : ${caseData.withdrawal.may_rejoin}`,
          post.prospective_member,
        ].join('\n\n'),
        management_committee: post.management_committee,
        workstreams: post.workstreams,
        handed_off_on: HANDED_OFF_ON,
        handed_off_by: coordinatorId,
        acknowledged_at: '2016-12-05T10:00:00+01:00',
        acknowledged_on: '2016-12-05',
        acknowledged_by: relayUser,
      })
      .returning<{ id: Id }[]>('id');
    await trx('handoff_members').insert({ handoff_id: row.id, user_id: relayUser });
    await trx('handoff_key_dates').insert(KEY_DATES.map((k) => ({ handoff_id: row.id, ...k })));
  }
  // The offsets are those of the running configuration (FOLLOW_UP_OFFSETS_MONTHS, 6/12/18 by default).
  // Counted from the close-out day entered with the case's transition (accompaniments.closed_out_on).
  const entered = await trx('accompaniments')
    .where({ id: accompanimentId })
    .first<{ closed_out_on: string | null }>('closed_out_on');
  await scheduleCheckpoints(
    trx,
    accompanimentId,
    entered?.closed_out_on ?? CLOSED_OUT_ON,
    loadConfig().followUpOffsetsMonths,
  );
}
