import type { Knex } from 'knex';
import { worksAtAnOperator } from '../operator-settings/policy';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';

/**
 * The parcours (pathways, aliased `alias`) a user may see at all; anything else answers 404.
 * - admin, manager, coordinator of an operator: the parcours of their own operator
 * - beneficiary: the parcours of its own structure (at every operator)
 * - relay: the parcours of the structures of a case whose follow-up was handed to it
 * - provider, funder, anyone else: none (providers see their consultancy only; funders the figures)
 */
export function scopePathways(db: Db, user: SessionUser, q: Knex.QueryBuilder, alias = 'p') {
  if (worksAtAnOperator(user)) return q.where(`${alias}.operator_id`, user.organisation_id);
  switch (user.role) {
    case 'beneficiary':
      return q.where(`${alias}.organisation_id`, user.organisation_id);
    case 'relay':
      return q.whereExists(
        db('pathway_actions as spx')
          .join('handoffs as sph', 'sph.accompaniment_id', 'spx.accompaniment_id')
          .whereRaw(`spx.pathway_id = ${alias}.id`)
          .where('sph.relay_id', user.organisation_id),
      );
    default:
      return q.whereRaw('false');
  }
}
