import type { Knex } from 'knex';
import type { SessionUser } from '../platform/auth/session-user';
import { worksAtAnOperator } from '../operator-settings/policy';

/**
 * The provider organisations (aliased `alias`, organisations of kind 'provider') a user may see in the
 * provider base at all; anything else answers 404.
 * - admin, manager, coordinator of an operator: every provider (the base is shared: a provider works
 *   for several operators, and its profile is one row, provider_profiles keyed by the organisation)
 * - provider: its own organisation only
 * - everyone else (funders, relays, beneficiaries): none
 */
export function scopeProviders<Q extends Knex.QueryBuilder>(user: SessionUser, q: Q, alias = 'o'): Q {
  // Knex builders change in place: the query keeps its row type.
  q.where(`${alias}.kind`, 'provider');
  if (worksAtAnOperator(user)) return q;
  if (user.role === 'provider') q.where(`${alias}.id`, user.organisation_id);
  else q.whereRaw('false');
  return q;
}
