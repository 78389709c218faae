import { z } from 'zod';
import { hasKey, Translate } from './i18n';

/** Form field helpers: trimmed text, '' means "not given", messages are catalogue keys. */
export const requiredText = (max = 200) =>
  z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, { error: 'validation.tooLong' })
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

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

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
