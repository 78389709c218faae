import type { SessionUser } from '../platform/auth/session-user';

type Acc = { operator_id: string; coordinator_id?: string | null };
type Order = { operator_id: string; provider_id: string };

/** The operator's director (role manager) of that operator, or an admin. */
const directs = (u: SessionUser, operatorId: string) =>
  u.role === 'admin' || (u.role === 'manager' && u.organisation_id === operatorId);

/**
 * Paying the provider, once the case or the order was loaded through its scope (404 otherwise):
 * the director (manager) and admins issue and cancel orders, reject invoices and record payments;
 * the case's coordinator (or the director) certifies the service done; the provider uploads its
 * invoices on its own orders. Deny by default.
 */
export const paymentPolicy = {
  /** The case page's « Paiement du prestataire » section, with its money states. */
  seeCase: (u: SessionUser, a: Acc) =>
    u.role === 'admin' || ((u.role === 'manager' || u.role === 'coordinator') && u.organisation_id === a.operator_id),
  issueOrder: (u: SessionUser, a: Acc) => directs(u, a.operator_id),
  manage: (u: SessionUser, o: Order) => directs(u, o.operator_id),
  certify: (u: SessionUser, o: Order, a: Acc) =>
    directs(u, o.operator_id) ||
    (u.role === 'coordinator' && u.organisation_id === o.operator_id && a.coordinator_id === u.id),
  uploadInvoice: (u: SessionUser, o: Order) => u.role === 'provider' && u.organisation_id === o.provider_id,
  /** The accountant's export of an operator's orders, invoices and payments. */
  export: (u: SessionUser) => u.role === 'admin' || (u.role === 'manager' && u.organisation_kind === 'operator'),
};
