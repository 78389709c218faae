import { z } from 'zod';
import { approxDateShape, type Precision } from '../platform/approx-dates';
import { requiredDate } from '../platform/dates';
import { localToday } from '../platform/dates';
import { FieldErrors, lines, optionalText, parseForm, requiredText } from '../platform/forms';
import type { Translate } from '../platform/i18n';

/** The list fields of the sheet: a textarea each, one item per line. */
export const LIST_FIELDS = [
  'context',
  'prior_links',
  'results',
  'contributions',
  'success_factors',
  'risks',
  'advice',
  'footnotes',
] as const;
export type ListField = (typeof LIST_FIELDS)[number];
/** The free-text fields, in the form's order, with their maximum length. */
export const TEXT_FIELDS = {
  tag_line: 200,
  summary: 2000,
  definition_title: 200,
  definition_text: 3000,
  definition_source: 500,
  provider_role: 3000,
  network_role: 3000,
  sources: 3000,
} as const;
export type TextField = keyof typeof TEXT_FIELDS;

export const caseSheetSchema = z.object({
  context: lines(20, 600),
  prior_links: lines(20, 600),
  results: lines(20, 600),
  contributions: lines(20, 600),
  success_factors: lines(20, 600),
  risks: lines(20, 600),
  advice: lines(20, 600),
  footnotes: lines(10, 600),
  tag_line: optionalText(TEXT_FIELDS.tag_line),
  summary: optionalText(TEXT_FIELDS.summary),
  definition_title: optionalText(TEXT_FIELDS.definition_title),
  definition_text: optionalText(TEXT_FIELDS.definition_text),
  definition_source: optionalText(TEXT_FIELDS.definition_source),
  provider_role: optionalText(TEXT_FIELDS.provider_role),
  network_role: optionalText(TEXT_FIELDS.network_role),
  sources: optionalText(TEXT_FIELDS.sources),
});
export type CaseSheetInput = z.output<typeof caseSheetSchema>;

/**
 * The sheet's dated steps (table case_sheet_dates): 'event' (the dated list of what happened),
 * 'step' (a box of the horizontal timeline, done by its actor), 'outcome' (the timeline's end).
 */
export const DATE_KINDS = ['event', 'step', 'outcome'] as const;
export type DateKind = (typeof DATE_KINDS)[number];
export const ACTORS = ['operator', 'provider', 'relay'] as const;
export type Actor = (typeof ACTORS)[number];
/** Rows the form offers beyond those recorded (blank rows are ignored); at most MAX_DATE_ROWS in all. */
export const BLANK_DATE_ROWS = 3;
export const MAX_DATE_ROWS = 40;

export type SheetDate = {
  kind: DateKind;
  actor: Actor | null;
  label: string;
  on_date: string | null;
  on_date_precision: Precision;
  end_date: string | null;
  end_date_precision: Precision;
  source: string | null;
};

const dateRowSchema = z
  .object({
    kind: z.enum(DATE_KINDS, { error: 'validation.choice' }),
    actor: z
      .union([z.enum(ACTORS), z.literal('')], { error: 'validation.choice' })
      .optional()
      .transform((v) => v || null),
    label: requiredText(300),
    ...approxDateShape('on'),
    ...approxDateShape('end'),
    source: optionalText(100),
  })
  // An event or the outcome is printed with its date: it needs one. A step may have none.
  .refine((r) => r.kind === 'step' || r.on !== null, { error: 'approxDate.required', path: ['on'] })
  .refine((r) => !r.end || !r.on || r.end >= r.on, { error: 'validation.endBeforeStart', path: ['end'] });

/** A date row as typed, to put back in the form. */
export type DateRowValues = Record<
  'kind' | 'actor' | 'label' | 'on' | 'on_precision' | 'end' | 'end_precision' | 'source',
  string
>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The posted date rows (fields date_<name>_<i>), or null when the form did not send them. */
export function postedDateRows(body: Record<string, unknown>): DateRowValues[] | null {
  const count = Number(str(body.date_rows));
  if (!Number.isInteger(count) || count < 0) return null;
  const rows: DateRowValues[] = [];
  for (let i = 0; i < Math.min(count, MAX_DATE_ROWS); i++) {
    rows.push({
      kind: str(body[`date_kind_${i}`]),
      actor: str(body[`date_actor_${i}`]),
      label: str(body[`date_label_${i}`]),
      on: str(body[`date_on_${i}`]),
      on_precision: str(body[`date_on_${i}_precision`]),
      end: str(body[`date_end_${i}`]),
      end_precision: str(body[`date_end_${i}_precision`]),
      source: str(body[`date_source_${i}`]),
    });
  }
  return rows;
}

/** Recorded dates as the form shows them. */
export const dateRowValues = (d: SheetDate): DateRowValues => ({
  kind: d.kind,
  actor: d.actor ?? '',
  label: d.label,
  on: d.on_date ?? '',
  on_precision: d.on_date_precision,
  end: d.end_date ?? '',
  end_precision: d.end_date_precision,
  source: d.source ?? '',
});

/**
 * Each row that is not blank: its kind, label and dates checked. Errors keyed date_<field>_<i>
 * (a precision's error is shown with its date).
 */
export function parseDateRows(
  rows: DateRowValues[],
  t: Translate,
): { ok: true; dates: SheetDate[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const dates: SheetDate[] = [];
  rows.forEach((row, i) => {
    if (!row.label.trim() && !row.on.trim() && !row.end.trim()) return;
    const parsed = parseForm(dateRowSchema, row, t);
    if (!parsed.ok) {
      for (const [field, message] of Object.entries(parsed.errors)) {
        const key = `date_${field.replace(/_precision$/, '')}_${i}`;
        errors[key] ??= message;
      }
      return;
    }
    const r = parsed.data;
    dates.push({
      kind: r.kind,
      actor: r.actor,
      label: r.label,
      on_date: r.on,
      on_date_precision: r.on_precision,
      end_date: r.end,
      end_date_precision: r.end_precision,
      source: r.source,
    });
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, dates };
}

/** A quote is only recorded with the date the person consented to its publication. */
export const quoteSchema = z.object({
  person_name: requiredText(200),
  person_role: optionalText(200),
  text: requiredText(2000),
  consent_on: z
    .string({ error: 'caseSheets.quote.consentRequired' })
    .trim()
    .min(1, { error: 'caseSheets.quote.consentRequired' })
    .pipe(requiredDate())
    .refine((d) => d <= localToday(), { error: 'caseSheets.quote.consentFuture' }),
});
export type QuoteInput = z.output<typeof quoteSchema>;

/** The whole edit form: the fields, and the date rows when the form sent them (null: keep the recorded ones). */
export function parseCaseSheetForm(
  body: Record<string, unknown>,
  t: Translate,
): { ok: true; data: CaseSheetInput; dates: SheetDate[] | null } | { ok: false; errors: FieldErrors } {
  const form = parseForm(caseSheetSchema, body, t);
  const rows = postedDateRows(body);
  const dates = rows ? parseDateRows(rows, t) : null;
  const errors = { ...(form.ok ? {} : form.errors), ...(dates && !dates.ok ? dates.errors : {}) };
  if (!form.ok || (dates && !dates.ok)) return { ok: false, errors };
  return { ok: true, data: form.data, dates: dates && dates.ok ? dates.dates : null };
}
