import { z } from 'zod';
import { lines } from '../platform/forms';
import { EXEMPTABLE_KINDS } from './settings';

/** Checkboxes sharing one name: absent (none ticked), one value, or several. */
export const ticked = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(values, { error: 'validation.choice' })))
    .transform((v) => [...new Set(v)]);

export const operatorSettingsSchema = z.object({
  eligibility_criteria: lines(30, 200).refine((l) => l.length > 0, { error: 'operatorSettings.criteria.required' }),
  intake_reminder_days: z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 365, {
      error: 'operatorSettings.reminderDays.range',
    })
    .transform(Number),
  committee_exempt_kinds: ticked(EXEMPTABLE_KINDS),
});
export type OperatorSettingsInput = z.output<typeof operatorSettingsSchema>;
