import type { Knex } from 'knex';
import type { SessionUser } from '../platform/auth/session-user';

/**
 * The funding envelopes a user may see at all; anything else answers 404.
 * - admin: every operator's (an admin reads every case); the year's page shows its own operator's;
 * - manager, coordinator: their operator's;
 * - funder: its own envelopes (funder_id), at any operator;
 * - providers, relays, structures: none.
 */
export function scopeEnvelopes<TRecord extends object, TResult>(
  user: SessionUser,
  q: Knex.QueryBuilder<TRecord, TResult>,
  alias = 'e',
): Knex.QueryBuilder<TRecord, TResult> {
  switch (user.role) {
    case 'admin':
      return q;
    case 'manager':
    case 'coordinator':
      return q.where(`${alias}.operator_id`, user.organisation_id);
    case 'funder':
      return q.where(`${alias}.funder_id`, user.organisation_id);
    default:
      return q.whereRaw('false');
  }
}
