import type { Trx } from '../platform/db';
import { refuseBefore } from '../platform/dates';
import type { Id } from '../platform/id';
import type { WriteContext } from '../platform/write';
import { applyOrderTransition, logCreation, PaymentRefused } from './lifecycle';
import { tell } from './mails';
import { fromCents, toCents } from './money';
import { currentConvention, selectedBid } from './case-queries';
import { isReady, type Missing, missingForService } from './readiness';
import type { CertificationInput, OrderInput } from './schemas';
/**
 * Paying the provider: the only writers of purchase_orders, provider_invoices,
 * service_certifications and payments. Each takes the write context (or its transaction) and plain
 * data, never a request: a route, a job or the CLI calls them alike. Amounts are compared in
 * integer cents (money.ts) or summed by the database, never as floating euros. What an envelope
 * counts (ordered, certified, invoiced, paid) is including VAT. Orders and their attestations de
 * service fait here; the provider's invoices and their payments in invoice-commands.ts.
 */

/** The service is not done yet: what is missing, said to the user. */
export class ServiceNotReady extends Error {
  constructor(readonly missing: Missing) {
    super('payments.refused.notReady');
  }
}

type Case = { id: Id; operator_id: Id };

export const sumOf = async (trx: Trx, sql: string, bindings: string[]) => {
  const { rows } = await trx.raw<{ rows: { total: string | null }[] }>(sql, bindings);
  return toCents(rows[0]?.total ?? '0');
};

/** The operator's next free number for the year (BC-2026-0001, …), read under a per-operator lock. */
async function nextOrderNumber(trx: Trx, operatorId: Id, year: string) {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`purchase_order_number:${operatorId}`]);
  const prefix = `BC-${year}-`;
  const { rows } = await trx.raw<{ rows: { n: number | null }[] }>(
    `select max(substring(number from ?)::int) as n from purchase_orders
      where operator_id = ? and number ~ ?`,
    [`^${prefix}(\\d+)$`, operatorId, `^${prefix}\\d+$`],
  );
  return `${prefix}${String(Number(rows[0]?.n ?? 0) + 1).padStart(4, '0')}`;
}

/**
 * Issues a purchase order to the case's selected provider, on one of the case's commitments, with
 * the case's current convention as its reference. Refused: no selected bid, no convention, a
 * commitment not the case's or released, a day before the commitment, an amount (including VAT)
 * beyond what is left on the commitment after its other orders.
 */
export async function issueOrder(w: WriteContext, acc: Case, input: OrderInput, opts: { baseUrl: string }) {
  const { trx } = w;
  const bid = await selectedBid(trx, acc.id);
  if (!bid) throw new PaymentRefused('payments.refused.noSelectedBid');
  const convention = await currentConvention(trx, acc.id);
  if (!convention) throw new PaymentRefused('payments.refused.noConvention');
  const commitment = await trx('envelope_commitments')
    .where({ id: input.commitment_id, accompaniment_id: acc.id, status: 'committed' })
    .forUpdate()
    .first<{ id: Id; amount_eur: string; committed_on: string } | undefined>('id', 'amount_eur', 'committed_on');
  if (!commitment) throw new PaymentRefused('payments.validation.commitment', 'commitment_id');
  refuseBefore('issued_on', input.issued_on, commitment.committed_on, 'payments.refused.beforeCommitment');
  const ordered = await sumOf(
    trx,
    `select sum(amount_incl_vat_eur)::text as total from purchase_orders where commitment_id = ? and status <> 'cancelled'`,
    [commitment.id],
  );
  const left = toCents(commitment.amount_eur) - ordered;
  if (toCents(input.amount_incl_vat) > left)
    throw new PaymentRefused('payments.refused.overCommitment', 'amount_incl_vat', {
      left: fromCents(Math.max(left, 0)),
    });
  const number = await nextOrderNumber(trx, acc.operator_id, input.issued_on.slice(0, 4));
  // The row starts in the table's default status ('issued', INITIAL_ORDER_STATUS), logged by logCreation.
  const [row] = await trx('purchase_orders')
    .insert({
      commitment_id: commitment.id,
      accompaniment_id: acc.id,
      provider_id: bid.provider_id,
      bid_id: bid.id,
      operator_id: acc.operator_id,
      number,
      issued_on: input.issued_on,
      amount_excl_vat_eur: input.amount_excl_vat,
      amount_incl_vat_eur: input.amount_incl_vat,
      created_by: w.actor.userId,
    })
    .returning<{ id: Id }[]>('id');
  await logCreation(trx, 'purchase_order_transitions', row.id, {
    actorId: w.actor.userId,
    onDate: input.issued_on,
  });
  await w.audit({
    action: 'purchase_order.issue',
    entityType: 'purchase_order',
    entityId: row.id,
    details: {
      accompaniment_id: acc.id,
      number,
      issued_on: input.issued_on,
      amount_excl_vat_eur: input.amount_excl_vat,
      amount_incl_vat_eur: input.amount_incl_vat,
      commitment_id: commitment.id,
      convention_version: convention.version,
    },
  });
  await tell(trx, bid.provider_id, 'provider', {
    kind: 'order_issued',
    number,
    date: input.issued_on,
    amount: input.amount_incl_vat,
    link: `${opts.baseUrl}/payments/orders/${row.id}`,
  });
  return { id: row.id, number };
}

export type Order = { id: Id; issued_on: string; accompaniment_id: Id; operator_id: Id; lock_version?: number };

/** Cancels an order (no invoice standing on it), with the day and the reason, logged. */
export async function cancelOrder(w: WriteContext, order: Order, input: { cancelled_on: string; reason: string }) {
  refuseBefore('cancelled_on', input.cancelled_on, order.issued_on, 'payments.refused.beforeOrder');
  await applyOrderTransition(w.trx, order.id, 'cancel', {
    actorId: w.actor.userId,
    onDate: input.cancelled_on,
    reason: input.reason,
  });
  await w.audit({
    action: 'purchase_order.cancel',
    entityType: 'purchase_order',
    entityId: order.id,
    details: { accompaniment_id: order.accompaniment_id, cancelled_on: input.cancelled_on, reason: input.reason },
  });
}

/** The order row locked for a change of its money, still issued; refused otherwise. */
export async function lockIssuedOrder(trx: Trx, orderId: Id) {
  const row = await trx('purchase_orders')
    .where({ id: orderId })
    .forUpdate()
    .first<{ status: string; amount_incl_vat_eur: string; provider_id: Id } | undefined>(
      'status',
      'amount_incl_vat_eur',
      'provider_id',
    );
  if (!row || row.status !== 'issued') throw new PaymentRefused('payments.refused.orderNotIssued');
  return row;
}

/**
 * The attestation de service fait on an order, for one of its case's phases or the whole order,
 * once what it covers is done (readiness.ts: deliverables accepted, sessions held). Refused: the
 * order not issued, a day before the order, a phase of another case, anything missing
 * (ServiceNotReady), a certified total above the order's amount including VAT.
 */
export async function certifyService(w: WriteContext, order: Order, input: CertificationInput) {
  const { trx } = w;
  const locked = await lockIssuedOrder(trx, order.id);
  refuseBefore('certified_on', input.certified_on, order.issued_on, 'payments.refused.beforeOrder');
  let phase = null;
  if (input.phase_id) {
    phase = await trx('phases')
      .where({ id: input.phase_id, accompaniment_id: order.accompaniment_id })
      .first<{ id: Id; planned_end: string | null; actual_end: string | null } | undefined>(
        'id',
        'planned_end',
        'actual_end',
      );
    if (!phase) throw new PaymentRefused('validation.choice', 'phase_id');
  }
  const missing = await missingForService(trx, order.accompaniment_id, phase ?? null);
  if (!isReady(missing)) throw new ServiceNotReady(missing);
  const certified = await sumOf(
    trx,
    'select sum(amount_eur)::text as total from service_certifications where purchase_order_id = ?',
    [order.id],
  );
  const left = toCents(locked.amount_incl_vat_eur) - certified;
  if (toCents(input.amount) > left)
    throw new PaymentRefused('payments.refused.overCertified', 'amount', { left: fromCents(Math.max(left, 0)) });
  const [row] = await trx('service_certifications')
    .insert({
      purchase_order_id: order.id,
      phase_id: input.phase_id,
      certified_on: input.certified_on,
      amount_eur: input.amount,
      note: input.note,
      certified_by: w.actor.userId,
    })
    .returning<{ id: Id }[]>('id');
  await w.audit({
    action: 'service_certification.create',
    entityType: 'purchase_order',
    entityId: order.id,
    details: {
      certification_id: row.id,
      phase_id: input.phase_id,
      certified_on: input.certified_on,
      amount_eur: input.amount,
    },
  });
  return row.id;
}
