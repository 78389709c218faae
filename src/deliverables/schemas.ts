import { z } from 'zod';
import { happenedOn, optionalDate } from '../platform/dates';
import { choice, optionalText, requiredText } from '../platform/forms';

export const DELIVERABLE_TYPES = [
  'action_plan',
  'fiscal_diagnosis',
  'strategic_area_analysis',
  'minutes',
  'unifying_text',
  'final_report',
  'other',
] as const;
export type DeliverableType = (typeof DELIVERABLE_TYPES)[number];
export const DELIVERABLE_STATUSES = ['expected', 'submitted', 'changes_requested', 'accepted'] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;

const id = z
  .string({ error: 'validation.required' })
  .trim()
  .regex(/^[1-9]\d{0,17}$/, { error: 'validation.required' });

export const deliverableSchema = z.object({
  type: choice(DELIVERABLE_TYPES),
  title: requiredText(300),
  expected_on: optionalDate(),
});
export type DeliverableInput = z.output<typeof deliverableSchema>;

/** Accept, or ask for changes — then the comment is required. */
export const reviewSchema = z
  .object({
    decision: choice(['accept', 'changes'] as const),
    comment: optionalText(5000),
    decided_on: happenedOn(),
  })
  .refine((v) => v.decision !== 'changes' || !!v.comment, {
    path: ['comment'],
    error: 'deliverables.review.commentRequired',
  });

export const consentSchema = z.object({
  organisation_id: id,
  signatory_name: requiredText(200),
  given_on: happenedOn(),
});

/** The upload form's fields besides the file: the day the version was handed in. */
export const versionSchema = z.object({ submitted_on: happenedOn() });

export const actionSchema = z.object({
  what: requiredText(1000),
  owner_organisation_id: id,
  due_on: optionalDate(),
  status: choice(ACTION_STATUSES),
});
export type ActionInput = z.output<typeof actionSchema>;
