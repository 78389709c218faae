import { z } from 'zod';
import { requiredDate } from '../platform/dates';
import { choice, optionalText } from '../platform/forms';
import { titleToStore } from './title';

/** The milestones a report is written at (DOMAIN.md: funders are informed at each of them). */
export const MILESTONES = [
  'diagnostic_signed',
  'provider_chosen',
  'convention_signed',
  'phase_done',
  'restitution',
  'on_demand',
] as const;
export type Milestone = (typeof MILESTONES)[number];

/**
 * What the coordinator types; every figure of the report is read from the record instead. The
 * title left empty or as proposed (the hidden proposed_title) is built from the milestone and the
 * date (title.ts).
 */
export const reportSchema = z
  .object({
    milestone: choice(MILESTONES),
    title: optionalText(300),
    proposed_title: optionalText(300),
    period_end: requiredDate(),
    next_steps: optionalText(5000),
    risks: optionalText(5000),
    comment: optionalText(5000),
  })
  .transform(({ proposed_title, ...v }) => ({
    ...v,
    title: titleToStore(v.title, proposed_title, v.milestone, v.period_end),
  }));
export type ReportInput = z.output<typeof reportSchema>;
