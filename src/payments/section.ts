import type { Section } from '../accompaniments/sections';
import { fromCents } from './money';
import { paymentPolicy } from './policy';
import { caseOrders, committedOnCase } from './case-queries';
import { nextSteps, totalsOf } from './states';

/**
 * « Paiement du prestataire » on the case page (tab « Livrables et rapports »): the case's money
 * states — committed, ordered, service done, invoiced, paid — and each order with what to do next.
 * For the operator's staff and admins; a provider follows its orders from its home page (panel.ts).
 */
export const paymentsSection: Section = {
  id: 'payments',
  partial: 'payments/_section',
  load: async ({ db, user, acc }) => {
    if (!paymentPolicy.seeCase(user, acc)) return null;
    const [orders, committed] = await Promise.all([caseOrders(db, acc.id), committedOnCase(db, acc.id)]);
    const t = totalsOf(orders);
    return {
      orders: orders.map((o) => ({ ...o, next: nextSteps(o) })),
      totals: {
        committed,
        ordered: fromCents(t.ordered),
        certified: fromCents(t.certified),
        invoiced: fromCents(t.invoiced),
        paid: fromCents(t.paid),
      },
      canIssue: paymentPolicy.issueOrder(user, acc),
      canExport: paymentPolicy.export(user),
    };
  },
};
