import type { Knex } from 'knex';
import type { SessionUser } from '../platform/auth/session-user';
import { worksAtAnOperator } from '../operator-settings/policy';

/**
 * The intake requests (aliased `alias`) a user may see at all; anything else answers 404.
 * - admin, manager, coordinator of an operator: the requests of their own operator
 * - everyone else (providers, funders, relays, beneficiaries): none; a request is the operator's
 *   working record, before any consultancy, and holds notes on a structure that are not theirs
 */
export function scopeIntakeRequests<Q extends Knex.QueryBuilder>(user: SessionUser, q: Q, alias = 'ir'): Q {
  // Knex builders change in place: the query keeps its row type.
  if (worksAtAnOperator(user)) q.where(`${alias}.operator_id`, user.organisation_id);
  else q.whereRaw('false');
  return q;
}
