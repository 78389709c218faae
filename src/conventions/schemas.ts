import { z } from 'zod';
import { happenedOn, localToday, requiredDate } from '../platform/dates';
import { choice, type FieldErrors, optionalText, parseForm, requiredText } from '../platform/forms';
import type { Translate } from '../platform/i18n';
import { type Clause, unknownPlaceholders } from './template';

export const METHODS = ['click', 'scan'] as const;

const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => /^[1-9]\d{0,17}$/.test(s)));

/** A new version: the day it was issued (« établie le », never in the future; see commands.ts for its floor) and who needs two signatories. */
// A post without the field (no form: a script, an older page) is issued today; a field left empty is refused.
export const generateSchema = z.object({
  issued_on: z.preprocess((v) => (v === undefined ? localToday() : v), happenedOn()),
  two_signatories: ids,
});

/** One or two signatories of a party; the date only matters for a scan (a click is dated today). */
export const signatureSchema = z
  .object({
    method: choice(METHODS),
    signatory_name: requiredText(200),
    capacity: requiredText(200),
    signatory2_name: optionalText(200),
    capacity2: optionalText(200),
    signed_on: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.signatory2_name && !v.capacity2)
      ctx.addIssue({ code: 'custom', path: ['capacity2'], message: 'validation.required' });
    if (!v.signatory2_name && v.capacity2)
      ctx.addIssue({ code: 'custom', path: ['signatory2_name'], message: 'validation.required' });
    if (v.method === 'scan') {
      const d = requiredDate().safeParse(v.signed_on ?? '');
      if (!d.success)
        ctx.addIssue({ code: 'custom', path: ['signed_on'], message: d.error.issues[0]?.message ?? 'validation.date' });
      else if (d.data > localToday())
        ctx.addIssue({ code: 'custom', path: ['signed_on'], message: 'conventions.sign.futureDate' });
    }
  });
export type SignatureInput = z.output<typeof signatureSchema>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The generate form as posted, to show it again: the day typed and the parties ticked for two signatories. */
export function postedGenerateValues(body: Record<string, unknown> | undefined) {
  const two = body?.two_signatories;
  return {
    issued_on: str(body?.issued_on),
    two_signatories: (Array.isArray(two) ? two : [two]).filter((x): x is string => typeof x === 'string'),
  };
}

/** The sign form as posted: its method (a click unless a scan is said) and its fields, to show them again. */
export function postedSignature(body: Record<string, unknown>) {
  const method: (typeof METHODS)[number] = str(body.method) === 'scan' ? 'scan' : 'click';
  const fields = ['signatory_name', 'capacity', 'signatory2_name', 'capacity2', 'signed_on'];
  return { method, values: { method, ...Object.fromEntries(fields.map((k) => [k, str(body[k])])) } };
}

/**
 * What the form signs: its signatories, and the day they signed: a click is signed today, a scan
 * on the day typed (never in the future: the schema).
 */
export const signingOf = (d: SignatureInput) => ({
  signatories: signatoriesOf(d),
  signedOn: d.method === 'scan' ? String(d.signed_on) : localToday(),
  method: d.method,
});

/** The one or two people who sign for the party, as the form gave them. */
export const signatoriesOf = (d: SignatureInput) => [
  { name: d.signatory_name, capacity: d.capacity },
  ...(d.signatory2_name ? [{ name: d.signatory2_name, capacity: d.capacity2 ?? '' }] : []),
];

export const overrideSchema = z.object({ reason: requiredText(2000) });

/** At most this many clauses in a convention template (and rows in its form). */
export const MAX_CLAUSES = 40;

const clauseText = (max: number, requiredKey: string) =>
  z
    .string({ error: requiredKey })
    .trim()
    .min(1, { error: requiredKey })
    .max(max, { error: 'validation.tooLong' })
    .refine((v) => !v.includes('\u0000'), { error: 'validation.nul' })
    .refine((v) => !unknownPlaceholders(v).length, { error: 'conventions.template.unknownPlaceholder' });

/** One clause of the template: a title and its text, with only the placeholders Jalons knows. */
export const clauseSchema = z.object({
  title: clauseText(200, 'conventions.template.titleRequired'),
  text: clauseText(10_000, 'conventions.template.textRequired'),
});

/** Form field name of a clause's field (flat names: the body parser is not nested). */
export const clauseField = (index: number, field: 'title' | 'text') => `c${index}_${field}`;

/** The clauses of a posted template form, as typed (a row left empty, title and text, is no clause). */
export function postedClauses(body: Record<string, unknown> | undefined): Clause[] {
  const count = Math.min(Math.max(Number.parseInt(str(body?.clause_count), 10) || 0, 0), MAX_CLAUSES + 5);
  return Array.from({ length: count }, (_, i) => ({
    title: str(body?.[clauseField(i, 'title')]),
    text: str(body?.[clauseField(i, 'text')]),
  })).filter((c) => c.title.trim() || c.text.trim());
}

export type TemplateForm = { ok: true; clauses: Clause[] } | { ok: false; errors: FieldErrors };

/** Checks every clause; errors come back next to the clause's field (c2_title…), the form's own under _form. */
export function parseTemplateForm(clauses: Clause[], t: Translate): TemplateForm {
  const errors: FieldErrors = {};
  const parsed: Clause[] = [];
  clauses.forEach((c, i) => {
    const form = parseForm(clauseSchema, c, t);
    if (form.ok) parsed.push(form.data);
    else for (const [f, m] of Object.entries(form.errors)) errors[clauseField(i, f === 'text' ? 'text' : 'title')] = m;
  });
  if (!clauses.length) errors._form = t('conventions.template.none');
  if (clauses.length > MAX_CLAUSES) errors._form = t('conventions.template.tooMany', { max: MAX_CLAUSES });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, clauses: parsed };
}
