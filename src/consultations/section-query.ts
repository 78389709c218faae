import type { Db } from '../platform/db';
import { PREPARATION_STATES, REACHABLE, toWorkspace, type Bid, type Consultation, type Criterion, type Workspace, type WorkspaceAcc } from './queries';

/*
 * The operator's view of the call for the case page in ONE statement (the consultation page keeps
 * loadWorkspace's separate reads): the terms, the grid, the bids with their scores and, only when
 * the call is still open to invitations, the providers that may be invited. On the case page each
 * round trip costs more Node time than these small reads, so one statement replaces three or four.
 * Ids, numerics and bigints are cast to text so that the rows look like the pg driver's for
 * findConsultation, listCriteria and listBids; timestamps become Dates below.
 * `k.may_invite` mirrors lockReason (a state still preparing the call); the CASE also checks that
 * no bid is selected, so the list of providers is read only when the section will show it.
 */
const SQL = `
select
  (select row_to_json(x) from (
     select c.accompaniment_id::text as accompaniment_id, c.objectives, c.days::text as days, c.budget_eur::text as budget_eur,
            c.deadline, c.launched_on, c.selected_bid_id::text as selected_bid_id, c.selection_rationale, c.selected_on,
            c.selected_by::text as selected_by, u.name as selected_by_name, c.updated_at, c.lock_version
       from consultations c left join users u on u.id = c.selected_by
      where c.accompaniment_id = k.acc) x) as consultation,
  coalesce((select json_agg(json_build_object('id', cr.id::text, 'label', cr.label, 'max_points', cr.max_points, 'position', cr.position)
                            order by cr.position, cr.id)
              from consultation_criteria cr where cr.accompaniment_id = k.acc), '[]') as criteria,
  coalesce((select json_agg(x order by x.provider_name) from (
     select b.id::text as id, b.provider_id::text as provider_id, o.name as provider_name, b.invited_on, b.status, b.received_on,
            b.proposal_days::text as proposal_days, b.proposal_price_eur::text as proposal_price_eur, b.method, b.notified_at,
            b.notified_on, b.notified_channel, b.notification_recorded_at, ${REACHABLE},
            b.lock_version, b.scores_lock_version,
            (select sum(s.points) from bid_scores s where s.bid_id = b.id) as total,
            (select count(*) from bid_scores s where s.bid_id = b.id) as scored
       from consultation_bids b join organisations o on o.id = b.provider_id
      where b.accompaniment_id = k.acc) x), '[]') as bids,
  case when k.may_invite and not exists (select 1 from consultation_bids sb where sb.accompaniment_id = k.acc and sb.status = 'selected') then
    coalesce((select json_agg(json_build_object('id', o.id::text, 'name', o.name) order by o.name)
                from organisations o
               where o.kind = 'provider' and o.active
                 and not exists (select 1 from consultation_bids ib where ib.provider_id = o.id and ib.accompaniment_id = k.acc)), '[]')
  end as providers
from (select ?::bigint as acc, ?::boolean as may_invite) k`;

type RawBid = Omit<Bid, 'notified_at' | 'notification_recorded_at' | 'total'> & { notified_at: string | null; notification_recorded_at: string | null; total: number | string | null };
type Raw = { consultation: (Consultation & { updated_at: string }) | null; criteria: Criterion[]; bids: RawBid[]; providers: { id: string; name: string }[] | null };

export async function sectionWorkspace(db: Db, acc: WorkspaceAcc, canEdit: boolean): Promise<Workspace> {
  const mayInvite = canEdit && PREPARATION_STATES.includes(acc.state);
  const res = await db.raw(SQL, [acc.id, mayInvite]);
  const r = res.rows[0] as Raw;
  const bids: Bid[] = r.bids.map((b) => ({
    ...b,
    notified_at: b.notified_at === null ? null : new Date(b.notified_at),
    notification_recorded_at: b.notification_recorded_at === null ? null : new Date(b.notification_recorded_at),
    total: b.total === null ? null : Number(b.total),
    scored: Number(b.scored),
  }));
  const consultation = r.consultation ? { ...r.consultation, updated_at: new Date(r.consultation.updated_at) } : null;
  return toWorkspace(acc, canEdit, { consultation, criteria: r.criteria, bids }, async () => r.providers ?? []);
}
