import { z } from 'zod';
import { optionalDate, requiredDate } from '../platform/dates';
import { choice, FieldErrors, optionalText, requiredText } from '../platform/forms';
import type { Translate } from '../platform/i18n';
import type { SessionStatus } from './lifecycle';
import { SESSION_TYPES } from './scope';

/** What the edit form may set (statuses and their moves: lifecycle.ts); closing goes through its own button (it locks the minutes). */
export const EDITABLE_STATUSES = ['planned', 'held'] as const satisfies readonly SessionStatus[];
export const SETTABLE_PRESENCES = ['invited', 'present', 'excused', 'absent'] as const;
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in_progress'];

/** Empty guest rows offered under the existing ones on the session form. */
export const BLANK_GUEST_ROWS = 3;
export const MAX_GUEST_ROWS = 60;
export const MAX_DAYS = 50;

const idPattern = /^[1-9]\d{0,17}$/;

const optionalId = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || idPattern.test(v), { error: 'validation.choice' });

/** '09:30' from <input type=time> (seconds, if a browser adds them, are ignored). */
const timePattern = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const requiredTime = () =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .refine((v) => timePattern.test(v), { error: 'sessions.validation.time' })
    .transform((v) => v.slice(0, 5));
const optionalTime = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || timePattern.test(v), { error: 'sessions.validation.time' })
    .transform((v) => (v ? v.slice(0, 5) : null));

/** Days consumed, in quarter days: "0,25", "0.5", "1", "1,75"; empty means none yet. */
export const daysField = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/\s/g, '').replace(',', '.') : '0'))
    .refine((v) => /^\d{1,3}(\.\d{1,4})?$/.test(v) && Number.isInteger(Number(v) * 4) && Number(v) <= MAX_DAYS, {
      error: 'sessions.validation.days',
    })
    .transform((v) => Math.round(Number(v) * 4) / 4);

/** A video link must be a full https address (a link that opens on a phone, never javascript:). */
const videoUrl = () =>
  z
    .string()
    .trim()
    .max(1000, { error: 'validation.tooLong' })
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isHttpsUrl(v), { error: 'sessions.validation.videoUrl' });

function isHttpsUrl(v: string) {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' && u.hostname.includes('.') && !/\s/.test(v);
  } catch {
    return false;
  }
}

const invitees = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])])
    .refine((l) => l.every((k) => /^(scm|wgm):[1-9]\d{0,17}$/.test(k)), { error: 'validation.choice' });

export const sessionSchema = z
  .object({
    type: choice(SESSION_TYPES),
    title: requiredText(200),
    theme: optionalText(200),
    date: requiredDate(),
    start_time: requiredTime(),
    end_time: optionalTime(),
    place: optionalText(300),
    video_url: videoUrl(),
    phase_id: optionalId(),
    working_group_id: optionalId(),
    agenda: optionalText(20_000),
    days_consumed: daysField(),
    status: z.enum(EDITABLE_STATUSES, { error: 'validation.choice' }).optional(),
    minutes: optionalText(100_000),
    decisions: optionalText(50_000),
    invitees: invitees(),
    // The one switch: 'committee' or 'group:<id>', whose members are added to those ticked (attendees.ts bodyInvitees).
    invite_body: z
      .string()
      .trim()
      .max(40, { error: 'sessions.validation.inviteBody' })
      .optional()
      .transform((v) => v || null),
    confirm_over_budget: z
      .string()
      .optional()
      .transform((v) => v === '1'),
    over_budget_reason: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.end_time && v.end_time < v.start_time) {
      ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'sessions.validation.endBeforeStart' });
    }
    if (v.type === 'working_group' && !v.working_group_id) {
      ctx.addIssue({ code: 'custom', path: ['working_group_id'], message: 'sessions.validation.groupRequired' });
    }
  });
export type SessionInput = z.output<typeof sessionSchema>;

export type GuestRow = { id: string; name: string; org: string };
export type GuestInput = { id: string | null; name: string; organisation_name: string | null };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Guest rows as typed: g0_name, g0_org, g0_id… (flat names: the body parser is not nested). */
export function guestRowsOfBody(body: Record<string, unknown>): GuestRow[] {
  const count = Math.min(Math.max(Number.parseInt(str(body.guest_count), 10) || 0, 0), MAX_GUEST_ROWS);
  const rows: GuestRow[] = [];
  for (let i = 0; i < count; i++)
    rows.push({ id: str(body[`g${i}_id`]), name: str(body[`g${i}_name`]), org: str(body[`g${i}_org`]) });
  return rows;
}

/** Guests to keep or add; a row with only an organisation is an error on its name. */
export function parseGuests(rows: GuestRow[], t: Translate): { guests: GuestInput[]; errors: FieldErrors } {
  const guests: GuestInput[] = [];
  const errors: FieldErrors = {};
  rows.forEach((r, i) => {
    const name = r.name.trim();
    const org = r.org.trim();
    if (!name && !org) return;
    if (!name) errors[`g${i}_name`] = t('sessions.validation.guestName');
    else if (name.length > 200) errors[`g${i}_name`] = t('validation.tooLong', { max: 200 });
    else if (org.length > 200) errors[`g${i}_org`] = t('validation.tooLong', { max: 200 });
    else guests.push({ id: idPattern.test(r.id) ? r.id : null, name, organisation_name: org || null });
  });
  return { guests, errors };
}

export const reopenSchema = z.object({ reason: requiredText(2000) });

export const actionItemSchema = z.object({
  what: requiredText(1000),
  owner_name: optionalText(200),
  owner_organisation_id: optionalId(),
  due_on: optionalDate(),
});
export type ActionItemInput = z.output<typeof actionItemSchema>;

export const actionStatusSchema = z.object({ status: choice(ACTION_STATUSES) });

export const guestSchema = z.object({
  guest_name: optionalText(200),
  guest_organisation: optionalText(200),
});
