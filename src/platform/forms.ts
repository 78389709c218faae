import { requestIdOf } from './audit';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { hasKey, Translate } from './i18n';

/** PostgreSQL text cannot hold U+0000: a NUL byte must be refused before any query sees it. */
const hasNul = (v: string) => v.includes('\u0000');

/** Form field helpers: trimmed text, '' means "not given", messages are catalogue keys. */
export const requiredText = (max = 200) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.tooLong' })
    .refine((v) => !hasNul(v), { error: 'validation.nul' });

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, { error: 'validation.tooLong' })
    .refine((v) => !hasNul(v), { error: 'validation.nul' })
    .optional()
    .transform((v) => (v ? v : null));

export const email = () =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .toLowerCase()
    .min(1, { error: 'validation.required' })
    .max(254, { error: 'validation.tooLong' })
    .pipe(z.email({ error: 'validation.email' }));

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: 'validation.choice' });

/** The id of a row picked in a list; `message` says what to pick when none (or garbage) came. */
export const pickedId = (message: string) => z.string({ error: message }).regex(/^[1-9]\d{0,17}$/, { error: message });

/** A decimal typed the French way ("7 000,50") or the English way ("7000.50"); '' means none. */
export const optionalAmount = (max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.') : null))
    .refine((v) => v === null || /^\d+(\.\d{1,2})?$/.test(v), { error: 'validation.number' })
    .refine((v) => v === null || Number(v) <= max, { error: 'validation.numberTooBig' });

/** Why a typed amount in euros is refused, or null: negative, more than two decimals (cents), not a number. */
export function amountIssue(normalised: string) {
  if (/^-/.test(normalised)) return 'validation.amountNegative';
  if (/^\d+\.\d{3,}$/.test(normalised)) return 'validation.amountDecimals';
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return 'validation.amount';
  return null;
}

/**
 * An amount in euros with cents, required (envelopes, orders, invoices, payments): typed the French way
 * ("1 234,56", "1 234,56 €") or the English way ("1234.56"); given back as "1234.56" for a numeric
 * column. Negative, more than two decimals ("12,345") and non-numbers are refused, each with its message.
 */
export const amount = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .transform((v) => v.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.'))
    .superRefine((v, ctx) => {
      const issue = amountIssue(v);
      if (issue) ctx.addIssue({ code: 'custom', message: issue });
      else if (Number(v) > max) ctx.addIssue({ code: 'custom', message: 'validation.numberTooBig' });
    });

/** Themes and other short lists are typed one per line. */
export const lines = (maxItems = 30, maxLength = 200) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((l) => l.length <= maxItems, { error: 'validation.tooManyLines' })
    .refine((l) => l.every((s) => s.length <= maxLength), { error: 'validation.lineTooLong' });

export type FieldErrors = Record<string, string>;

/** A posted field as typed, to show back in a refused form: anything but a string (an array…) is ''. */
export const postedText = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '');
/**
 * The posted form, for reading a field outside a schema (a value echoed back, a button's name).
 * Express types `req.body` as any and leaves it undefined without a body; express.urlencoded gives
 * strings, arrays and nested records.
 */
export const postedForm = (req: Request): Record<string, unknown> => (req.body ?? {}) as Record<string, unknown>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** The message over a form shown back: the one given, else the generic one when a field is refused. */
export const formErrorOf = (t: Translate, errors: FieldErrors, given?: string | null) =>
  given ?? (Object.keys(errors).length ? t('form.hasErrors') : null);

/** Validates a posted form; errors come back per field, in the reader's language. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, t: Translate): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || '_form';
    if (errors[field]) continue;
    errors[field] = messageOf(issue, t);
  }
  return { ok: false, errors };
}

function messageOf(issue: z.core.$ZodIssue, t: Translate): string {
  const params: Record<string, string | number> = {};
  if ('maximum' in issue) params.max = Number(issue.maximum);
  if ('minimum' in issue) params.min = Number(issue.minimum);
  if (hasKey(issue.message)) return t(issue.message, params);
  switch (issue.code) {
    case 'too_small':
      return t('validation.tooShort', params);
    case 'too_big':
      return t('validation.tooLong', params);
    case 'invalid_type':
      return t('validation.required');
    case 'invalid_value':
      return t('validation.choice');
    default:
      return t('validation.invalid');
  }
}

function containsNul(v: unknown): boolean {
  if (typeof v === 'string') return hasNul(v);
  if (Array.isArray(v)) return v.some(containsNul);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => hasNul(k) || containsNul(x));
  return false;
}

/**
 * Refuses, with a French page and a 422, any form or query string carrying a NUL byte: no field
 * of any form can store one (PostgreSQL refuses it, which would otherwise surface as a 500), and
 * no one types one. Multipart forms are parsed later, by their route: their text fields go
 * through requiredText/optionalText, which refuse it too.
 */
export function refuseNulBytes(req: Request, res: Response, next: NextFunction) {
  if (!containsNul(req.body) && !containsNul(req.query) && !hasNul(req.path)) return next();
  res.status(422).render('errors/error', {
    title: req.t('errors.nul.title'),
    status: 422,
    explanation: req.t('errors.nul.text'),
    requestId: requestIdOf(req),
  });
}

/**
 * The lock_version a form posted back, or -1 (never matches: a conflict) when it is not a small
 * non-negative integer; 99999999999999999999 would otherwise reach an integer column and fail.
 */
export function postedLockVersion(raw: unknown): number {
  return typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
}
