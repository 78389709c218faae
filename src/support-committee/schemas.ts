import { z } from 'zod';
import { happenedOn, requiredDate } from '../platform/dates';
import { choice, optionalText, pickedId, requiredText } from '../platform/forms';
import { OPINIONS } from './gate';
import type { MeetingEvent } from './lifecycle';

export const MEMBER_KINDS = ['funder', 'network', 'resource_centre', 'expert', 'operator'] as const;
export const ITEM_SUBJECTS = ['diagnostic', 'plan', 'terms_of_reference'] as const;

/** A row picked in an optional list: '' means none. */
const optionalId = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[1-9]\d{0,17}$/.test(v), { error: 'validation.choice' });

const optionalEmail = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .max(254, { error: 'validation.tooLong' })
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.email().safeParse(v).success, { error: 'validation.email' });

export const memberSchema = z
  .object({
    name: requiredText(200),
    email: optionalEmail(),
    member_kind: choice(MEMBER_KINDS),
    organisation_id: optionalId(),
    organisation_name: optionalText(200),
    user_id: optionalId(),
    active: z
      .string()
      .optional()
      .transform((v) => v === '1'),
  })
  .refine((d) => d.organisation_id || d.organisation_name, {
    error: 'supportCommittee.members.organisationRequired',
    path: ['organisation_name'],
    // Said with the other fields' errors, not only once they are right.
    when: (payload) => {
      const v = payload.value as { organisation_id?: unknown; organisation_name?: unknown } | undefined;
      return !(typeof v?.organisation_id === 'string' && /^[1-9]\d{0,17}$/.test(v.organisation_id.trim()));
    },
  });
export type MemberInput = z.output<typeof memberSchema>;

export const meetingSchema = z.object({
  meets_on: requiredDate(),
  location: optionalText(300),
});
export type MeetingInput = z.output<typeof meetingSchema>;

export const itemSchema = z.object({
  pathway_id: pickedId('supportCommittee.items.pathwayRequired'),
  subject: choice(ITEM_SUBJECTS),
  accompaniment_id: optionalId(),
  summary: requiredText(4000),
  position: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d{1,3}$/.test(v), { error: 'validation.number' })
    .transform((v) => (v === null ? null : Number(v))),
});
export type ItemInput = z.output<typeof itemSchema>;

/** An opinion other than a plain « favorable » says why (the reservations, what to rework, why not). */
export const opinionSchema = z
  .object({
    opinion: choice(OPINIONS),
    opinion_comment: optionalText(4000),
    opinion_on: happenedOn(),
  })
  .refine((d) => d.opinion === 'favorable' || d.opinion_comment, {
    error: 'supportCommittee.opinion.commentRequired',
    path: ['opinion_comment'],
  });
export type OpinionInput = z.output<typeof opinionSchema>;

export const minutesSchema = z.object({ minutes: optionalText(20000) });

export const meetingTransitionSchema = z.object({
  event: choice(['hold', 'cancel'] as const satisfies readonly MeetingEvent[]),
  happened_on: happenedOn(),
  reason: optionalText(2000),
});
export type MeetingTransitionInput = z.output<typeof meetingTransitionSchema>;

export const overrideSchema = z.object({
  reason: requiredText(2000),
  decided_on: happenedOn(),
});
export type OverrideInput = z.output<typeof overrideSchema>;
