import type { Knex } from 'knex';
import type { SessionUser } from '../platform/auth/session-user';
import { worksAtAnOperator } from '../operator-settings/policy';

/**
 * The intake requests (aliased `alias`) a user may see at all; anything else answers 404.
 * - admin, manager, coordinator of an operator: the requests of their own operator
 * - everyone else (providers, funders, relays, beneficiaries): none; a request is the operator's
 *   working record, before any consultancy, and holds notes on a structure that are not theirs
 */
export function scopeIntakeRequests(user: SessionUser, q: Knex.QueryBuilder, alias = 'ir') {
  return worksAtAnOperator(user) ? q.where(`${alias}.operator_id`, user.organisation_id) : q.whereRaw('false');
}
