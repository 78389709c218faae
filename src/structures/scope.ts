import type { Knex } from 'knex';
import { scopeAccompaniments } from '../accompaniments/scope';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';

/**
 * The structures (organisations of kind 'structure', aliased `alias`) a user may see at all;
 * anything else answers 404.
 * - admin, manager, coordinator: all of them (a national directory shared by operators)
 * - beneficiary: its own structure only
 * - provider, funder: the structures taking part in accompaniments in their scope
 * - relay, and anyone else: none
 */
export function scopeStructures<TRecord extends object, TResult>(
  db: Db,
  user: SessionUser,
  q: Knex.QueryBuilder<TRecord, TResult>,
  alias = 'o',
): Knex.QueryBuilder<TRecord, TResult> {
  switch (user.role) {
    case 'admin':
    case 'manager':
    case 'coordinator':
      return user.organisation_kind === 'operator' ? q : q.whereRaw('false');
    case 'beneficiary':
      return q.where(`${alias}.id`, user.organisation_id);
    case 'provider':
    case 'funder': {
      const inScope = db('accompaniment_beneficiaries as ssb')
        .join('accompaniments as ssa', 'ssa.id', 'ssb.accompaniment_id')
        .whereRaw(`ssb.organisation_id = ${alias}.id`);
      scopeAccompaniments(db, user, inScope, 'ssa');
      return q.whereExists(inScope);
    }
    default:
      return q.whereRaw('false');
  }
}
