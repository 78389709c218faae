import { z } from 'zod';
import { departmentField } from '../organisations/schemas';
import { happenedOn, localToday, optionalDate } from '../platform/dates';
import { choice, optionalText, requiredText } from '../platform/forms';
import { LISTING_EVENTS, LISTING_STATUSES } from './lifecycle';

const CODE = /^[a-z0-9][a-z0-9_]*$/;

/** A field posted as checkboxes (an array) or typed (one per line, or separated by commas): its items. */
const items = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\n,;]+/) : [])
    .map((x) => (typeof x === 'string' ? x.trim() : ''))
    .filter(Boolean);

/** Codes of a national list (themes, sectors): checked against the list itself by the command. */
const codes = () =>
  z
    .unknown()
    .optional()
    .transform((v) => [...new Set(items(v).map((c) => c.toLowerCase()))])
    .refine((l) => l.length <= 60, { error: 'validation.tooManyLines' })
    .refine((l) => l.every((c) => c.length <= 60 && CODE.test(c)), { error: 'providers.validation.code' });

/** Départements served, typed « 90, 25, 70 » (or one per line): each a real département number. */
const departments = () =>
  z
    .unknown()
    .optional()
    .transform((v) => [
      ...new Set(items(typeof v === 'string' ? v.replace(/\s+/g, ',') : v).map((d) => d.toUpperCase())),
    ])
    .refine((l) => l.length <= 120, { error: 'validation.tooManyLines' })
    .refine((l) => l.every((d) => d.length <= 3 && departmentField().safeParse(d).success), {
      error: 'providers.validation.departments',
    });

const lockVersion = z
  .string()
  .trim()
  .regex(/^\d{1,9}$/)
  .transform(Number)
  .optional()
  .catch(undefined);

export const profileSchema = z.object({
  themes: codes(),
  sectors: codes(),
  departments: departments(),
  description: optionalText(4000),
  // The day the application came in: asked when the profile is created (the listing opens pending).
  pending_since: optionalDate().refine((v) => v === null || v <= localToday(), { error: 'validation.dateFuture' }),
  lock_version: lockVersion,
});
export type ProfileInput = z.output<typeof profileSchema>;

export const consultantSchema = z.object({
  name: requiredText(200),
  email: optionalText(254).refine((v) => v === null || z.email().safeParse(v).success, { error: 'validation.email' }),
  phone: optionalText(30).refine((v) => v === null || /^[+\d][\d .()-]{5,}$/.test(v), {
    error: 'providers.validation.phone',
  }),
  themes: codes(),
  active: z
    .unknown()
    .optional()
    .transform((v) => v === 'on' || v === 'true' || v === '1'),
});
export type ConsultantInput = z.output<typeof consultantSchema>;

export const listingSchema = z.object({
  event: choice(LISTING_EVENTS),
  happened_on: happenedOn(),
  reason: optionalText(2000),
  renewal_due_on: optionalDate(),
});
export type ListingInput = z.output<typeof listingSchema>;

/** The base's filters (a bad value is dropped, never an error). */
export const listFiltersSchema = z.object({
  theme: z.string().trim().regex(CODE).max(60).optional().catch(undefined),
  department: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => departmentField().safeParse(v).success && v !== '')
    .optional()
    .catch(undefined),
  status: z.enum(LISTING_STATUSES).optional().catch(undefined),
});
export type ListFilters = z.output<typeof listFiltersSchema>;
