import type { Knex } from 'knex';
import type { SessionUser } from '../platform/auth/session-user';

/**
 * The purchase orders a user may see at all (anything else answers 404), and with them their
 * invoices, certifications and payments:
 * - admins: every order;
 * - the operator's staff (managers, coordinators): their operator's orders;
 * - providers: the orders issued to their own organisation, never another provider's;
 * - funders, relays, structures: none (a funder reads its envelope's figures, src/envelopes/).
 */
export function scopeOrders<TRecord extends object, TResult>(
  user: SessionUser,
  q: Knex.QueryBuilder<TRecord, TResult>,
  alias = 'o',
): Knex.QueryBuilder<TRecord, TResult> {
  switch (user.role) {
    case 'admin':
      return q;
    case 'manager':
    case 'coordinator':
      return q.where(`${alias}.operator_id`, user.organisation_id);
    case 'provider':
      return q.where(`${alias}.provider_id`, user.organisation_id);
    default:
      return q.whereRaw('false');
  }
}
