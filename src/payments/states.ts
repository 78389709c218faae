import { toCents } from './money';
import type { OrderMoney } from './queries';

/** What is left to do on an order, from its status and its money states (the case page and the order page say it). */
export type NextStep = 'cancelled' | 'closed' | 'certify' | 'awaitInvoice' | 'pay';

export function nextSteps(o: OrderMoney & { status: string }): NextStep[] {
  if (o.status === 'cancelled' || o.status === 'closed') return [o.status];
  const [ordered, certified, invoiced, paid] = [o.ordered, o.certified, o.invoiced, o.paid].map(toCents);
  const steps: NextStep[] = [];
  if (certified < ordered) steps.push('certify');
  if (invoiced < ordered) steps.push('awaitInvoice');
  if (paid < Math.min(invoiced, certified)) steps.push('pay');
  return steps;
}

/** The money states of several orders added up (cancelled orders count for nothing). */
export function totalsOf(orders: (OrderMoney & { status: string })[]) {
  const live = orders.filter((o) => o.status !== 'cancelled');
  const sum = (k: keyof OrderMoney) => live.reduce((s, o) => s + toCents(o[k]), 0);
  return { ordered: sum('ordered'), certified: sum('certified'), invoiced: sum('invoiced'), paid: sum('paid') };
}
