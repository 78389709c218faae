import type { Db, Trx } from '../platform/db';
import type { DeliverableStatus, DeliverableType } from './schemas';

export type DeliverableOn = {
  id: string;
  title: string;
  type: DeliverableType;
  status: DeliverableStatus;
  expected_on: string | null;
};

/**
 * The case's deliverables with their status on a day, from their history: the latest of its
 * versions submitted (submitted_on: « déposé ») and review decisions (decided_on: « validé » or
 * « modifications demandées ») up to that day; nothing yet: « attendu ». On one day, the later
 * recorded comes last (a version and its acceptance the same day read « validé »). A deliverable
 * with no version nor review at all (older data) keeps its recorded status.
 * Read by a progress report as of its date; titles and statuses only, never the content.
 */
export function deliverablesOn(db: Db | Trx, accompanimentId: string, asOf: string) {
  return db('deliverables as d')
    .joinRaw(
      `left join lateral (
         select e.status from (
           select 'submitted' as status, v.submitted_on as on_date, v.uploaded_at as at from deliverable_versions v where v.deliverable_id = d.id and v.submitted_on <= ?::date
           union all
           select c.decision, c.decided_on, c.created_at from deliverable_comments c where c.deliverable_id = d.id and c.decided_on <= ?::date
         ) e order by e.on_date desc, e.at desc limit 1) ev on true`,
      [asOf, asOf],
    )
    .where('d.accompaniment_id', accompanimentId)
    .orderByRaw('d.expected_on asc nulls last, d.id asc')
    .select<DeliverableOn[]>(
      'd.id',
      'd.title',
      'd.type',
      db.raw(`case
        when ev.status is not null then ev.status
        when exists (select 1 from deliverable_versions v where v.deliverable_id = d.id)
          or exists (select 1 from deliverable_comments c where c.deliverable_id = d.id) then 'expected'
        else d.status end as status`),
      'd.expected_on',
    );
}
