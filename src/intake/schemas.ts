import { z } from 'zod';
import { happenedOn } from '../platform/dates';
import { choice, optionalText, pickedId, requiredText } from '../platform/forms';
import { departmentField } from '../organisations/schemas';
import { LEGAL_FORMS, siretField } from '../structures/schemas';
import { INTAKE_OUTCOMES, INTAKE_STATUSES } from './lifecycle';

export const CHANNELS = ['phone', 'email', 'event', 'partner_referral', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The structure of a request: one of the directory, or a new one typed in the same form. */
export const STRUCTURE_MODES = ['existing', 'new'] as const;

const optionalEmail = () =>
  optionalText(254)
    .transform((v) => (v ? v.toLowerCase() : null))
    .refine((v) => v === null || z.email().safeParse(v).success, { error: 'validation.email' });

const optionalPhone = () =>
  optionalText(30).refine((v) => v === null || /^\+?[\d\s.()-]{6,30}$/.test(v), {
    error: 'structures.validation.phone',
  });

/** The ticked criteria of the checklist: each a label of the operator's settings (checked by the command). */
const criteria = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .refine((l) => l.length <= 30 && l.every((s) => s.length <= 200 && !s.includes('\u0000')), {
      error: 'validation.invalid',
    })
    .transform((l) => [...new Set(l)]);

export const intakeSchema = z
  .object({
    structure_mode: choice(STRUCTURE_MODES),
    organisation_id: z.string().optional(),
    new_name: optionalText(200),
    new_siret: siretField(),
    new_legal_form: z
      .enum(LEGAL_FORMS, { error: 'validation.choice' })
      .or(z.literal('').transform(() => null))
      .optional()
      .transform((v) => v ?? null),
    new_city: optionalText(120),
    new_department: departmentField(),
    contact_name: optionalText(200),
    contact_role: optionalText(120),
    contact_email: optionalEmail(),
    contact_phone: optionalPhone(),
    received_on: happenedOn(),
    channel: choice(CHANNELS),
    referred_by: optionalText(200),
    need: requiredText(4000),
    eligibility_met: criteria(),
    eligibility_notes: optionalText(4000),
    owner_id: pickedId('intake.owner.required'),
  })
  // Said even when other fields are wrong too, so that one round trip shows every problem.
  .refine((v) => v.structure_mode !== 'existing' || /^[1-9]\d{0,17}$/.test(v.organisation_id ?? ''), {
    path: ['organisation_id'],
    error: 'intake.structure.pick',
    when: () => true,
  })
  .refine((v) => v.structure_mode !== 'new' || Boolean(v.new_name), {
    path: ['new_name'],
    error: 'intake.structure.nameRequired',
    when: () => true,
  })
  .refine((v) => v.channel !== 'partner_referral' || Boolean(v.referred_by), {
    path: ['referred_by'],
    error: 'intake.referredBy.required',
    when: () => true,
  })
  .transform((v) => ({
    ...v,
    organisation_id: v.structure_mode === 'existing' ? (v.organisation_id ?? null) : null,
    referred_by: v.channel === 'partner_referral' ? v.referred_by : null,
  }));
export type IntakeInput = z.output<typeof intakeSchema>;

/** The outcome of a received request, on the day it was decided. */
export const outcomeSchema = z
  .object({
    outcome: choice(INTAKE_OUTCOMES),
    outcome_on: happenedOn(),
    outcome_partner: optionalText(200),
    outcome_reason: optionalText(4000),
  })
  .refine((v) => v.outcome !== 'oriented' || Boolean(v.outcome_partner), {
    path: ['outcome_partner'],
    error: 'intake.outcome.partnerRequired',
    when: () => true,
  })
  .refine((v) => v.outcome === 'diagnostic' || Boolean(v.outcome_reason), {
    path: ['outcome_reason'],
    error: 'intake.outcome.reasonRequired',
    when: () => true,
  });
export type OutcomeInput = z.output<typeof outcomeSchema>;

/** Back to received: a mistaken outcome, with why and on which day. */
export const reopenSchema = z.object({
  reopened_on: happenedOn(),
  reopen_reason: requiredText(4000),
});
export type ReopenInput = z.output<typeof reopenSchema>;

/** The list's filters, from the query string: anything unknown is no filter. */
export const listFiltersSchema = z.object({
  status: z.enum(INTAKE_STATUSES).optional().catch(undefined),
  channel: z.enum(CHANNELS).optional().catch(undefined),
  owner: z
    .string()
    .regex(/^(me|[1-9]\d{0,17})$/)
    .optional()
    .catch(undefined),
  year: z
    .string()
    .regex(/^(19[9]\d|20\d\d|2100)$/)
    .transform(Number)
    .optional()
    .catch(undefined),
  unanswered: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});
export type ListFilters = z.output<typeof listFiltersSchema>;
