import { z } from 'zod';
import { happenedOn, requiredDate } from '../platform/dates';
import { amount, choice, optionalText, pickedId, requiredText } from '../platform/forms';
import { toCents } from './money';

/** numeric(14,2): what an amount column holds. */
const MAX_EUR = 999_999_999_999.99;

/**
 * An amount in euros with cents (forms.ts's amount(): « 1 234,56 », « 1 234,56 € », 1234.56; negative, more
 * than two decimals and non-numbers refused, each with its message), above zero.
 */
export const euros = () => amount(MAX_EUR).refine((v) => toCents(v) > 0, { error: 'payments.validation.positive' });

/** Excluding VAT never above including VAT (the table refuses it too). */
const vatPair = <T extends { amount_excl_vat: string; amount_incl_vat: string }>(v: T) =>
  toCents(v.amount_incl_vat) >= toCents(v.amount_excl_vat);
const vatPairRule = { path: ['amount_incl_vat'], error: 'payments.validation.inclBelowExcl' };

export const orderSchema = z
  .object({
    commitment_id: pickedId('payments.validation.commitment'),
    issued_on: happenedOn(),
    amount_excl_vat: euros(),
    amount_incl_vat: euros(),
  })
  .refine(vatPair, vatPairRule);

export const cancelSchema = z.object({ cancelled_on: happenedOn(), reason: requiredText(2000) });

export const invoiceSchema = z
  .object({
    number: requiredText(60),
    invoiced_on: happenedOn(),
    amount_excl_vat: euros(),
    amount_incl_vat: euros(),
  })
  .refine(vatPair, vatPairRule);

export const rejectSchema = z.object({ rejected_on: happenedOn(), reason: requiredText(2000) });

export const certificationSchema = z.object({
  phase_id: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[1-9]\d{0,17}$/.test(v), { error: 'validation.choice' }),
  certified_on: happenedOn(),
  amount: euros(),
  note: optionalText(2000),
});

export const paymentSchema = z.object({ paid_on: happenedOn(), amount: euros(), reference: optionalText(120) });

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const exportSchema = z
  .object({ from: requiredDate(), to: requiredDate(), format: choice(EXPORT_FORMATS) })
  .refine((p) => p.from <= p.to, { path: ['to'], error: 'validation.endBeforeStart' });

export type OrderInput = z.output<typeof orderSchema>;
export type InvoiceInput = z.output<typeof invoiceSchema>;
export type CertificationInput = z.output<typeof certificationSchema>;
export type PaymentInput = z.output<typeof paymentSchema>;
