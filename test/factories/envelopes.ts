import type { Db } from '../../src/platform/db';
import { insertCommitment } from '../../src/envelopes/lifecycle';
import { createOrganisation } from './index';

let seq = 0;

/** A funding envelope of an operator (rows straight in; the commands are tested on their own). */
export async function createEnvelopeRow(
  db: Db,
  opts: {
    operatorId: string;
    funderId?: string;
    year?: number;
    label?: string;
    amount?: string;
    actionTypes?: string[];
    departments?: string[];
  },
) {
  const funderId = opts.funderId ?? (await createOrganisation(db, { kind: 'funder' })).id;
  const [{ id }] = await db('funding_envelopes')
    .insert({
      operator_id: opts.operatorId,
      funder_id: funderId,
      year: opts.year ?? 2026,
      label: opts.label ?? `Enveloppe ${++seq}`,
      amount_eur: opts.amount ?? '10000.00',
      eligible_action_types: opts.actionTypes ?? [],
      departments: opts.departments ?? [],
    })
    .returning<Array<{ id: string }>>('id');
  return { id: String(id), funderId };
}

/** A commitment written through the lifecycle's insert (the one writer of its status), in a transaction. */
export function createCommitmentRow(db: Db, envelopeId: string, accompanimentId: string, amount: string, on: string) {
  return db.transaction((trx) =>
    insertCommitment(trx, {
      envelope_id: envelopeId,
      accompaniment_id: accompanimentId,
      amount_eur: amount,
      committed_on: on,
      over_envelope_reason: null,
      created_by: null,
    }),
  );
}

/**
 * What paying the provider writes (src/payments/ owns those tables): a purchase order on a commitment,
 * and optionally its service certification, an invoice and a payment, so the envelope's figures can be
 * computed from rows this test knows.
 */
export async function createMoneyRows(
  db: Db,
  opts: {
    commitmentId: string;
    accompanimentId: string;
    operatorId: string;
    ordered: string;
    orderStatus?: 'issued' | 'cancelled' | 'closed';
    certified?: string;
    invoiced?: string;
    invoiceStatus?: 'submitted' | 'rejected' | 'paid';
    paid?: string;
  },
) {
  const provider = await createOrganisation(db, { kind: 'provider' });
  const [{ id: poId }] = await db('purchase_orders')
    .insert({
      commitment_id: opts.commitmentId,
      accompaniment_id: opts.accompanimentId,
      provider_id: provider.id,
      operator_id: opts.operatorId,
      number: `BC-TEST-${++seq}`,
      issued_on: '2026-02-01',
      amount_excl_vat_eur: opts.ordered,
      amount_incl_vat_eur: opts.ordered,
      status: opts.orderStatus ?? 'issued',
    })
    .returning<Array<{ id: string }>>('id');
  if (opts.certified)
    await db('service_certifications').insert({
      purchase_order_id: poId,
      certified_on: '2026-03-01',
      amount_eur: opts.certified,
    });
  if (opts.invoiced) {
    const [{ id: invoiceId }] = await db('provider_invoices')
      .insert({
        purchase_order_id: poId,
        provider_id: provider.id,
        number: `F-${++seq}`,
        invoiced_on: '2026-03-02',
        amount_excl_vat_eur: opts.invoiced,
        amount_incl_vat_eur: opts.invoiced,
        status: opts.invoiceStatus ?? 'submitted',
      })
      .returning<Array<{ id: string }>>('id');
    if (opts.paid) await db('payments').insert({ invoice_id: invoiceId, paid_on: '2026-03-10', amount_eur: opts.paid });
  }
  return String(poId);
}
