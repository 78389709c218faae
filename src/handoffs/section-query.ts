import type { Db } from '../platform/db';
import type { Locale } from '../platform/i18n';
import type { HandoffRow } from './queries';

export type Member = { id: string; name: string; email: string; locale: Locale };

/*
 * The handoff of the case with its relay members, in ONE statement instead of two (handoffOf, then
 * membersOf): each round trip of the case page costs more Node time than these small reads. The
 * members are read whoever asks (a few rows); the section drops them for a reader who may not see
 * them. Columns keep the types handoffOf returns (ids as text, timestamps as Dates); the members
 * come as JSON, ids cast to text as the pg driver returns bigints.
 */
const SQL = `
select h.id::text as id, h.accompaniment_id::text as accompaniment_id, h.relay_id::text as relay_id, r.name as relay_name,
       h.summary, h.management_committee, h.workstreams, h.handed_off_on, hb.name as handed_off_by_name,
       h.acknowledged_at, ab.name as acknowledged_by_name, h.last_reminded_at, h.reminder_count,
       coalesce((select json_agg(json_build_object('id', u.id::text, 'name', u.name, 'email', u.email, 'locale', u.locale) order by u.name)
                   from handoff_members m join users u on u.id = m.user_id
                  where m.handoff_id = h.id), '[]') as members
from handoffs h
join organisations r on r.id = h.relay_id
left join users hb on hb.id = h.handed_off_by
left join users ab on ab.id = h.acknowledged_by
where h.accompaniment_id = ?
limit 1`;

/** The handoff of a case already loaded through the user's scope, with its members, or null. */
export async function handoffWithMembers(db: Db, accompanimentId: string): Promise<{ h: HandoffRow; members: Member[] } | null> {
  const res = await db.raw(SQL, [accompanimentId]);
  const row = res.rows[0] as (HandoffRow & { members: Member[] }) | undefined;
  if (!row) return null;
  const { members, ...h } = row;
  return { h, members };
}
