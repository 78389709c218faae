import { z } from 'zod';
import { requiredDate } from '../platform/dates';
import { choice, optionalText, requiredText } from '../platform/forms';

/** The milestones a report is written at (DOMAIN.md: funders are informed at each of them). */
export const MILESTONES = ['diagnostic_signed', 'provider_chosen', 'convention_signed', 'phase_done', 'restitution', 'on_demand'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** What the coordinator types; every figure of the report is read from the record instead. */
export const reportSchema = z.object({
  milestone: choice(MILESTONES),
  title: requiredText(300),
  period_end: requiredDate(),
  next_steps: optionalText(5000),
  risks: optionalText(5000),
  comment: optionalText(5000),
});
export type ReportInput = z.output<typeof reportSchema>;
