/**
 * A provider's record in Jalons, on its page: the actions (cases) where its bid was selected, the
 * satisfaction of the structures at close-out, a delay, and what was ordered, invoiced and paid. Every
 * figure counts only the cases the reader may see (scopeAccompaniments: an operator's staff their own
 * operator's, an admin all, the provider its own), so nobody reads another operator's cases here.
 *
 * The delay is the days from the provider's selection (consultations.selected_on, the day the
 * coordinator chose it) to the convention signed (accompaniments.convention_on, the case entering
 * delivery): how long a selected provider waits before it may start, which is what an operator
 * steers when it picks providers (quick to contract, or not). Averaged over the cases that have both.
 */
import { scopeAccompaniments } from '../accompaniments/scope';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { read, readTogether } from '../platform/read-together';

export type RecordAction = {
  id: string;
  title: string;
  state: string;
  operator_name: string;
  selected_on: string | null;
  convention_on: string | null;
  closed_out_on: string | null;
};

export type Satisfaction = {
  surveys: string;
  quality: string | null;
  listening: string | null;
  deliverables: string | null;
  overall: string | null;
};

export type Money = { orders: string; invoices: string; payments: string };

export async function providerRecord(db: Db, user: SessionUser, providerId: string) {
  const cases = () =>
    scopeAccompaniments(
      db,
      user,
      db('accompaniments as a').whereExists(
        db('consultation_bids as b')
          .whereRaw('b.accompaniment_id = a.id')
          .where({ 'b.provider_id': providerId, 'b.status': 'selected' }),
      ),
    );
  const avg = (c: string) => db.raw(`round(avg(s.${c})::numeric, 1)::text as ${c.replace('score_', '')}`);
  const actions = cases()
    .join('organisations as op', 'op.id', 'a.operator_id')
    .leftJoin('consultations as c', 'c.accompaniment_id', 'a.id')
    .orderBy([
      { column: 'c.selected_on', order: 'desc', nulls: 'last' },
      { column: 'a.id', order: 'desc' },
    ])
    .select(
      'a.id',
      'a.title',
      'a.state',
      'op.name as operator_name',
      'c.selected_on',
      'a.convention_on',
      'a.closed_out_on',
    );
  const satisfaction = db('satisfaction_surveys as s')
    .whereIn('s.accompaniment_id', cases().select('a.id'))
    .select(
      db.raw('count(*) as surveys'),
      avg('score_quality'),
      avg('score_listening'),
      avg('score_deliverables'),
      avg('score_overall'),
    );
  const delay = cases()
    .join('consultations as c', 'c.accompaniment_id', 'a.id')
    .whereNotNull('c.selected_on')
    .whereNotNull('a.convention_on')
    .select(
      db.raw('count(*) as cases'),
      db.raw('round(avg(a.convention_on - c.selected_on)::numeric, 0)::text as days'),
    );
  // Orders of the reader's operator (all for an admin; its own for the provider, whose orders these are).
  const orders = db('purchase_orders as po').where('po.provider_id', providerId);
  if (user.role !== 'admin' && user.role !== 'provider') orders.where('po.operator_id', user.organisation_id);
  const ids = () => orders.clone().select('po.id');
  const money = db.select(
    db.raw('(?) as orders', [orders.clone().count('*')]),
    db.raw('(?) as invoices', [db('provider_invoices as i').whereIn('i.purchase_order_id', ids()).count('*')]),
    db.raw('(?) as payments', [
      db('payments as pm')
        .join('provider_invoices as i', 'i.id', 'pm.invoice_id')
        .whereIn('i.purchase_order_id', ids())
        .count('*'),
    ]),
  );
  const r = await readTogether(db, {
    actions: read<RecordAction>(actions, { bigints: ['id'] }),
    satisfaction: read<Satisfaction>(satisfaction, { bigints: ['surveys'] }),
    delay: read<{ cases: string; days: string | null }>(delay, { bigints: ['cases'] }),
    money: read<Money>(money, { bigints: ['orders', 'invoices', 'payments'] }),
  });
  return { actions: r.actions, satisfaction: r.satisfaction[0], delay: r.delay[0], money: r.money[0] };
}
export type ProviderRecord = Awaited<ReturnType<typeof providerRecord>>;
