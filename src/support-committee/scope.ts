import type { Knex } from 'knex';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';

/** Roles that never see a comité d'appui, even when typed in as a member (issue 19, « Roles »). */
const NEVER = ['provider', 'beneficiary'];

/** The committees (operators) a user sits on as an active member with their Jalons account. */
const membership = (db: Db, user: SessionUser, alias: string) =>
  db('support_committee_members as scm')
    .whereRaw(`scm.operator_id = ${alias}.operator_id`)
    .where({ 'scm.user_id': user.id, 'scm.active': true });

/**
 * The comité d'appui meetings a user may see at all; anything else answers 404.
 * - admin: every operator's (an admin reads every case);
 * - manager, coordinator: their operator's;
 * - anyone else but providers and beneficiaries: the meetings of the committees they are an active
 *   member of (their account linked on the members' page), as outside members (summaries only).
 */
export function scopeMeetings(db: Db, user: SessionUser, q: Knex.QueryBuilder, alias = 'm') {
  if (NEVER.includes(user.role)) return q.whereRaw('false');
  if (user.role === 'admin') return q;
  if (user.role === 'manager' || user.role === 'coordinator')
    return q.where((w) =>
      w.where(`${alias}.operator_id`, user.organisation_id).orWhereExists(membership(db, user, alias)),
    );
  return q.whereExists(membership(db, user, alias));
}

/** Whether the user reaches the committee pages at all: its staff, or an active member (else 403). */
export async function seesCommittee(db: Db, user: SessionUser) {
  if (NEVER.includes(user.role)) return false;
  if (user.role === 'admin' || user.role === 'manager' || user.role === 'coordinator') return true;
  return Boolean(await db('support_committee_members').where({ user_id: user.id, active: true }).first('id'));
}
