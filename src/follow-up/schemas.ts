import { z } from 'zod';
import { happenedOn } from '../platform/dates';
import { choice, optionalText } from '../platform/forms';

/** The four outcome criteria funders use after an accompaniment (Avise). */
export const CRITERIA = ['jobs', 'economic_health', 'strategic_vision', 'local_partnerships'] as const;
export type Criterion = (typeof CRITERIA)[number];
export const RATINGS = ['improved', 'stable', 'degraded', 'unknown'] as const;
export type Rating = (typeof RATINGS)[number];

// A head count: '' means "not known", otherwise a whole number from 0.
const headCount = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || /^\d{1,6}$/.test(v), { error: 'followUp.validation.headCount' })
  .transform((v) => (v ? Number(v) : null));

const criteriaShape = Object.fromEntries(
  CRITERIA.flatMap((c) => [
    [`${c}_rating`, choice(RATINGS)],
    [`${c}_note`, optionalText(1000)],
  ]),
) as Record<`${Criterion}_rating`, ReturnType<typeof choice<typeof RATINGS>>> &
  Record<`${Criterion}_note`, ReturnType<typeof optionalText>>;

/** Recording a checkpoint: every criterion rated ("unknown" is an honest answer), figures optional. */
export const checkpointSchema = z
  .object({
    ...criteriaShape,
    held_on: happenedOn(),
    employees: headCount,
    employees_in_insertion: headCount,
    open_actions: optionalText(5000),
    notes: optionalText(5000),
  })
  .refine((v) => v.employees === null || v.employees_in_insertion === null || v.employees_in_insertion <= v.employees, {
    error: 'followUp.validation.insertionAboveTotal',
    path: ['employees_in_insertion'],
  });
export type CheckpointInput = z.output<typeof checkpointSchema>;
