import { z } from 'zod';
import { departmentField } from '../organisations/schemas';
import { choice, lines, optionalAmount, optionalText, pickedId, requiredText } from '../platform/forms';
import { optionalDate, happenedOn } from '../platform/dates';
import { KINDS } from './states';

const id = pickedId('validation.required');

export const accompanimentSchema = z
  .object({
    title: requiredText(200),
    kind: choice(KINDS),
    coordinator_id: id
      .or(z.literal('').transform(() => null))
      .optional()
      .transform((v) => v ?? null),
    sector: optionalText(200),
    department: departmentField(),
    themes: lines(20, 120),
    // Themes ticked in the national list (src/reference-lists/), stored as codes before the typed ones.
    theme_codes: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(
        z
          .array(z.string().trim().max(60, { error: 'validation.tooLong' }))
          .max(100, { error: 'validation.tooManyLines' }),
      ),
    objectives: optionalText(5000),
    budget_days: optionalAmount(1000),
    budget_eur: optionalAmount(10_000_000),
    intake_on: happenedOn(),
    planned_start: optionalDate(),
    planned_end: optionalDate(),
  })
  .superRefine((v, ctx) => {
    if (v.planned_start && v.planned_end && v.planned_end < v.planned_start) {
      ctx.addIssue({ code: 'custom', path: ['planned_end'], message: 'validation.endBeforeStart' });
    }
  })
  .transform(({ theme_codes, ...v }) => ({
    ...v,
    themes: [...new Set([...theme_codes.filter(Boolean), ...v.themes])],
  }));
export type AccompanimentInput = z.output<typeof accompanimentSchema>;

export const newAccompanimentSchema = z.object({
  structure_ids: z
    .union([id, z.array(id)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v])),
});

export const transitionSchema = z.object({
  to: requiredText(30),
  comment: optionalText(2000),
  on_date: happenedOn(),
});

export const withdrawalSchema = z.object({
  withdrawn_on: happenedOn(),
  withdrawal_reasons: requiredText(5000),
  may_rejoin: optionalText(2000),
});

export const rejoinSchema = z.object({ on_date: happenedOn() });

export const addBeneficiarySchema = z.object({
  organisation_id: pickedId('beneficiaries.chooseStructure'),
  joined_on: happenedOn(),
});

export const fundingSchema = z.object({
  funder_id: pickedId('funding.chooseFunderError'),
  amount_eur: optionalAmount(10_000_000).refine((v) => v !== null, { error: 'validation.required' }),
});
