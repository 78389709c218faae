import { z } from 'zod';
import { happenedOn, requiredDate } from '../platform/dates';
import { choice, optionalAmount, optionalText, pickedId, requiredText } from '../platform/forms';
import { toCents } from './money';

/** numeric(14,2): what an amount column holds. */
const MAX_EUR = 999_999_999_999.99;

/**
 * An amount in euros typed the French way ("1 234,56", "1 234,56 €") or the English way ("1234.56"),
 * required and above zero; a negative amount or more than two decimals is refused next to the field.
 */
export const euros = () =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .refine((v) => !v.startsWith('-'), { error: 'payments.validation.negative' })
    // optionalAmount's input is `string | undefined`: given the trimmed string, typed as taking it.
    .pipe(optionalAmount(MAX_EUR) as unknown as z.ZodType<string | null, string>)
    .refine((v) => v !== null && toCents(v) > 0, { error: 'payments.validation.positive' })
    .transform((v) => v ?? '0');

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
