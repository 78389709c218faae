import { z } from 'zod';
import { happenedOn } from '../platform/dates';
import { amountIssue, choice, pickedId } from '../platform/forms';

export const OCCASIONS = ['diagnostic', 'checkpoint', 'other'] as const;
export type Occasion = (typeof OCCASIONS)[number];

/** The figures of a snapshot, in the order forms and tables show them. */
export const COUNT_FIELDS = [
  'employees_cdi',
  'employees_cdd',
  'employees_assisted',
  'employees_insertion',
  'volunteers',
] as const;
export const FIGURE_FIELDS = [...COUNT_FIELDS.slice(0, 4), 'fte', 'volunteers', 'annual_budget_eur'] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];

/** Spaces (thousands), non-breaking ones and the euro sign go; a French comma becomes a point. */
const normalised = (v: string) => v.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');

/** A number of people: a whole number, zero or more; '' means not known. « 12,5 » is refused. */
const people = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? normalised(v) : null))
    .superRefine((v, ctx) => {
      if (v === null) return;
      if (/^-/.test(v)) ctx.addIssue({ code: 'custom', message: 'headcounts.validation.negative' });
      else if (!/^\d+$/.test(v)) ctx.addIssue({ code: 'custom', message: 'headcounts.validation.whole' });
      else if (Number(v) > 1_000_000) ctx.addIssue({ code: 'custom', message: 'validation.numberTooBig' });
    })
    .transform((v) => (v === null ? null : Number(v)));

/** A decimal with at most two places (full-time equivalents, euros), kept as its string for a numeric column. */
const decimal = (max: number, kind: 'fte' | 'amount') =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? normalised(v) : null))
    .superRefine((v, ctx) => {
      if (v === null) return;
      const issue = amountIssue(v);
      if (issue && kind === 'fte')
        ctx.addIssue({
          code: 'custom',
          message:
            issue === 'validation.amountNegative' ? 'headcounts.validation.negative' : 'headcounts.validation.fte',
        });
      else if (issue) ctx.addIssue({ code: 'custom', message: issue });
      else if (Number(v) > max) ctx.addIssue({ code: 'custom', message: 'validation.numberTooBig' });
    });

const optionalId = () =>
  pickedId('validation.invalid')
    .or(z.literal(''))
    .optional()
    .transform((v) => v || null);

/**
 * A snapshot as the form posts it: the day the figures describe (not in the future), the occasion, the
 * figures (at least one), and where it was recorded from (a parcours, one of its checkpoints by its
 * month, a case's follow-up checkpoint), checked by the command.
 */
export const headcountSchema = z
  .object({
    recorded_on: happenedOn(),
    occasion: choice(OCCASIONS),
    employees_cdi: people(),
    employees_cdd: people(),
    employees_assisted: people(),
    employees_insertion: people(),
    fte: decimal(1_000_000, 'fte'),
    volunteers: people(),
    annual_budget_eur: decimal(999_999_999_999, 'amount'),
    pathway_id: optionalId(),
    checkpoint_months: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v && /^\d{1,3}$/.test(v) ? Number(v) : null)),
    follow_up_checkpoint_id: optionalId(),
  })
  .superRefine((v, ctx) => {
    if (FIGURE_FIELDS.every((f) => v[f] === null))
      ctx.addIssue({ code: 'custom', path: ['employees_cdi'], message: 'headcounts.validation.empty' });
  });
export type HeadcountInput = z.output<typeof headcountSchema>;
