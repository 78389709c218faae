import type { Knex } from 'knex';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';

/**
 * The accompaniments a user may see at all; anything else answers 404.
 * - operator staff: their operator's cases
 * - provider: only the cases where its organisation's bid was selected (never a lost consultation)
 * - funder: the cases it funds
 * - beneficiary: the cases its structure takes part in
 * - relay: the cases whose follow-up was handed to its organisation
 */
export function scopeAccompaniments<TRecord extends object, TResult>(
  db: Db,
  user: SessionUser,
  q: Knex.QueryBuilder<TRecord, TResult>,
  alias = 'a',
): Knex.QueryBuilder<TRecord, TResult> {
  const org = user.organisation_id;
  switch (user.role) {
    case 'admin':
      return q;
    case 'manager':
    case 'coordinator':
      return q.where(`${alias}.operator_id`, org);
    case 'provider':
      return q.whereExists(
        db('consultation_bids as sb')
          .whereRaw(`sb.accompaniment_id = ${alias}.id`)
          .where({ 'sb.provider_id': org, 'sb.status': 'selected' }),
      );
    case 'funder':
      return q.whereExists(
        db('accompaniment_funding as sf').whereRaw(`sf.accompaniment_id = ${alias}.id`).where('sf.funder_id', org),
      );
    case 'beneficiary':
      return q.whereExists(
        db('accompaniment_beneficiaries as sbn')
          .whereRaw(`sbn.accompaniment_id = ${alias}.id`)
          .where('sbn.organisation_id', org),
      );
    case 'relay':
      return q.whereExists(
        db('handoffs as sh').whereRaw(`sh.accompaniment_id = ${alias}.id`).where('sh.relay_id', org),
      );
    default:
      return q.whereRaw('false');
  }
}
