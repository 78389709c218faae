import type { Knex } from 'knex';
import { scopeAccompaniments } from '../accompaniments/scope';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';

/**
 * The progress reports a user may see at all (anything else answers 404).
 * - operator staff and admins: every report (drafts included) of the accompaniments in their scope;
 * - funders: only SENT reports, of accompaniments they fund. A report sent to another funder is
 *   therefore visible only when the accompaniment is co-funded by both;
 * - providers, beneficiaries, relays: none (reports are the operator's account to its funders).
 */
export function scopeReports<TRecord extends object, TResult>(
  db: Db,
  user: SessionUser,
  q: Knex.QueryBuilder<TRecord, TResult>,
  alias = 'r',
): Knex.QueryBuilder<TRecord, TResult> {
  const inScopeAccompaniment = (sub: Knex.QueryBuilder<TRecord, TResult>) =>
    sub.whereExists(
      scopeAccompaniments(db, user, db('accompaniments as ra').whereRaw(`ra.id = ${alias}.accompaniment_id`), 'ra'),
    );
  switch (user.role) {
    case 'admin':
    case 'manager':
    case 'coordinator':
      return inScopeAccompaniment(q);
    case 'funder':
      return inScopeAccompaniment(q.where(`${alias}.status`, 'sent'));
    default:
      return q.whereRaw('false');
  }
}
