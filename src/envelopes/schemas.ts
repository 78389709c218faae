import { z } from 'zod';
import { departmentField } from '../organisations/schemas';
import { happenedOn } from '../platform/dates';
import { amount, optionalText, pickedId, requiredText } from '../platform/forms';

/** Ticked boxes: none, one (a string) or several (an array). */
const ticked = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()))]);

/** Départements typed as a list: « 90, 25 2A » (commas, spaces or lines); each one checked. */
const departmentList = () =>
  z
    .string()
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? '')
          .split(/[\s,;]+/)
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean),
      ),
    ])
    .refine((l) => l.length <= 120, { error: 'validation.tooManyLines' })
    .refine((l) => l.every((d) => departmentField().safeParse(d).success), { error: 'validation.department' });

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

export const envelopeSchema = z.object({
  label: requiredText(200),
  funder_id: pickedId('envelopes.chooseFunder'),
  year: z
    .string({ error: 'validation.required' })
    .trim()
    .regex(/^\d{4}$/, { error: 'envelopes.yearInvalid' })
    .transform(Number)
    .refine((y) => y >= YEAR_MIN && y <= YEAR_MAX, { error: 'envelopes.yearInvalid' }),
  amount_eur: amount(999_999_999_999),
  eligible_action_types: ticked(),
  departments: departmentList(),
  notes: optionalText(2000),
});
export type EnvelopeInput = z.output<typeof envelopeSchema>;

export const commitSchema = z.object({
  envelope_id: pickedId('envelopes.commit.chooseEnvelope'),
  amount_eur: amount(999_999_999_999),
  committed_on: happenedOn(),
  over_envelope_reason: optionalText(2000),
});
export type CommitInput = z.output<typeof commitSchema>;

export const releaseSchema = z.object({
  happened_on: happenedOn(),
  reason: requiredText(2000),
});
export type ReleaseInput = z.output<typeof releaseSchema>;

/** The year a page asks for (?year=2026); anything else is the office's current year. */
export function parseYear(value: unknown, currentYear: number) {
  const y = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN;
  return y >= YEAR_MIN && y <= YEAR_MAX ? y : currentYear;
}
