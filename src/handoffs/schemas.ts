import { z } from 'zod';
import { lines } from '../platform/forms';
import { happenedOn, requiredDate } from '../platform/dates';
import { FieldErrors, optionalText, parseForm, requiredText } from '../platform/forms';
import type { Translate } from '../platform/i18n';

/** How many key-date rows the form offers (blank rows are ignored). */
export const KEY_DATE_ROWS = 5;

const id = z
  .string({ error: 'handoffs.errors.relayRequired' })
  .trim()
  .regex(/^[1-9]\d{0,17}$/, { error: 'handoffs.errors.relayRequired' });

export const handoffSchema = z.object({
  relay_id: id,
  member_ids: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[1-9]\d{0,17}$/, { error: 'validation.choice' }),
    )
    .min(1, { error: 'handoffs.errors.membersRequired' }),
  summary: requiredText(10_000),
  management_committee: optionalText(5_000),
  workstreams: lines(20, 300),
  handed_off_on: happenedOn(),
});
export type HandoffInput = z.output<typeof handoffSchema>;

/** The relay's acknowledgement: the day the package was received. */
export const acknowledgeSchema = z.object({ acknowledged_on: happenedOn() });

const keyDateSchema = z.object({ on_date: requiredDate(), label: requiredText(300) });

export type KeyDateValues = { on_date: string; approximate: boolean; label: string };
export type KeyDate = KeyDateValues;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** A field sent once is a string, sent several times an array (urlencoded, not extended). */
export const many = (v: unknown) =>
  ([] as unknown[])
    .concat(v ?? [])
    .map(str)
    .filter(Boolean);

/** The posted values as typed, to put back in the form. */
export function postedValues(body: Record<string, unknown>) {
  const keyDates: KeyDateValues[] = [];
  for (let i = 0; i < KEY_DATE_ROWS; i++) {
    keyDates.push({
      on_date: str(body[`key_date_on_${i}`]).trim(),
      approximate: body[`key_date_approximate_${i}`] === '1',
      label: str(body[`key_date_label_${i}`]),
    });
  }
  return {
    relay_id: str(body.relay_id),
    member_ids: many(body.member_ids),
    summary: str(body.summary),
    management_committee: str(body.management_committee),
    workstreams: str(body.workstreams),
    handed_off_on: str(body.handed_off_on),
    keyDates,
  };
}
export type HandoffValues = ReturnType<typeof postedValues>;

/**
 * The whole form: the fields, then each key-date row that is not blank (a date and its label,
 * both required once either is typed). Errors are keyed by the field's name.
 */
export function parseHandoff(
  values: HandoffValues,
  t: Translate,
): { ok: true; data: HandoffInput; keyDates: KeyDate[] } | { ok: false; errors: FieldErrors } {
  const form = parseForm(handoffSchema, values, t);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const keyDates: KeyDate[] = [];
  values.keyDates.forEach((row, i) => {
    if (!row.on_date && !row.label.trim()) return;
    const parsed = parseForm(keyDateSchema, row, t);
    if (parsed.ok) keyDates.push({ ...parsed.data, approximate: row.approximate });
    else
      for (const [field, message] of Object.entries(parsed.errors))
        errors[`key_date_${field === 'on_date' ? 'on' : 'label'}_${i}`] = message;
  });
  if (!form.ok || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: form.data, keyDates };
}
