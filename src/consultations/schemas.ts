import { z } from 'zod';
import { happenedOn, optionalDate, requiredDate } from '../platform/dates';
import {
  choice,
  FieldErrors,
  FormResult,
  optionalAmount,
  optionalText,
  parseForm,
  pickedId,
  requiredText,
} from '../platform/forms';
import type { Translate } from '../platform/i18n';

const id = pickedId('validation.required');

/** An amount that says "positive number" to a minus sign rather than a generic "not a number". */
const amount = (max: number) =>
  z
    .string()
    .optional()
    .refine((v) => !v || !/^\s*-/.test(v), { error: 'consultations.validation.negative' })
    .pipe(optionalAmount(max));

const requiredAmount = (max: number) => amount(max).refine((v) => v !== null, { error: 'validation.required' });

export const termsSchema = z.object({
  objectives: optionalText(5000),
  days: amount(1000),
  budget_eur: amount(10_000_000),
  deadline: optionalDate(),
  launched_on: optionalDate(),
});
export type TermsInput = z.output<typeof termsSchema>;

export type CriterionRow = { id: string | null; label: string; max_points: number };

/**
 * The grid is posted as repeated fields (criterion_id, criterion_label, criterion_max), one set per
 * row; fully blank rows are ignored. Errors are keyed `criterion_label-<n>` / `criterion_max-<n>`.
 */
export function parseCriteria(
  body: Record<string, unknown>,
  t: Translate,
): { rows: CriterionRow[]; errors: FieldErrors; posted: PostedCriterion[] } {
  const posted = postedCriteria(body);
  const rows: CriterionRow[] = [];
  const errors: FieldErrors = {};
  posted.forEach((p, i) => {
    const label = p.label.trim();
    const max = p.max.trim();
    if (!label && !max) return;
    let ok = true;
    if (!label) {
      errors[`criterion_label-${i}`] = t('consultations.criteria.labelMissing');
      ok = false;
    } else if (label.length > 200) {
      errors[`criterion_label-${i}`] = t('validation.tooLong', { max: 200 });
      ok = false;
    }
    if (!/^\d{1,4}$/.test(max) || Number(max) < 1 || Number(max) > 1000) {
      errors[`criterion_max-${i}`] = t('consultations.criteria.maxInvalid');
      ok = false;
    }
    if (ok) rows.push({ id: /^[1-9]\d{0,17}$/.test(p.id) ? p.id : null, label, max_points: Number(max) });
  });
  if (!rows.length && !Object.keys(errors).length) errors['criterion_label-0'] = t('consultations.criteria.atLeastOne');
  return { rows, errors, posted };
}

export type PostedCriterion = { id: string; label: string; max: string };

export function postedCriteria(body: Record<string, unknown>): PostedCriterion[] {
  const list = (v: unknown) => ([] as unknown[]).concat(v ?? []).map((x) => (typeof x === 'string' ? x : ''));
  const ids = list(body.criterion_id);
  const labels = list(body.criterion_label);
  const maxes = list(body.criterion_max);
  const n = Math.min(Math.max(ids.length, labels.length, maxes.length), 30);
  return Array.from({ length: n }, (_, i) => ({ id: ids[i] ?? '', label: labels[i] ?? '', max: maxes[i] ?? '' }));
}

export const inviteSchema = z.object({
  bid_provider_id: id,
  bid_invited_on: requiredDate(),
  // Why this provider (consultation_bids.invitation_reason): required by the command when Jalons proposed others.
  invitation_reason: optionalText(2000),
});

export const OUTCOMES = ['proposed', 'declined'] as const;

export const outcomeSchema = z.object({ outcome: choice(OUTCOMES) });

export const proposalSchema = z.object({
  received_on: requiredDate(),
  proposal_days: requiredAmount(1000).refine((v) => v === null || Number(v) > 0, {
    error: 'consultations.validation.positive',
  }),
  proposal_price_eur: requiredAmount(10_000_000),
  method: optionalText(10_000),
});

export const declineSchema = z.object({ received_on: optionalDate() });

/** A provider's answer as parsed: its refusal (a day received at most) or its proposal. */
export type BidAnswer =
  | { outcome: 'declined'; data: z.output<typeof declineSchema> }
  | { outcome: 'proposed'; data: z.output<typeof proposalSchema> };

/** The answer form: which outcome, then the fields of that outcome. */
export function parseAnswer(body: unknown, t: Translate): FormResult<BidAnswer> {
  const outcome = parseForm(outcomeSchema, body, t);
  if (!outcome.ok) return outcome;
  if (outcome.data.outcome === 'declined') {
    const form = parseForm(declineSchema, body, t);
    return form.ok ? { ok: true, data: { outcome: 'declined', data: form.data } } : form;
  }
  const form = parseForm(proposalSchema, body, t);
  return form.ok ? { ok: true, data: { outcome: 'proposed', data: form.data } } : form;
}

/** The grid's rows whose new maximum is below a score already given, said next to each (GridBelowScores). */
export function belowScoresErrors(posted: PostedCriterion[], highest: Record<string, number>, t: Translate) {
  const errors: FieldErrors = {};
  posted.forEach((p, i) => {
    if (highest[p.id] !== undefined)
      errors[`criterion_max-${i}`] = t('consultations.criteria.belowScores', { score: highest[p.id] });
  });
  return errors;
}

/** One score per criterion, each between 0 and the criterion's maximum, decimals allowed. */
export function parseScores(
  body: Record<string, unknown>,
  criteria: { id: string; max_points: number }[],
  t: Translate,
) {
  const points: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const c of criteria) {
    const field = `score_${c.id}`;
    const raw = typeof body[field] === 'string' ? body[field].trim() : '';
    const normalised = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
    if (!raw) errors[field] = t('validation.required');
    else if (/^-\d+([.]\d+)?$/.test(normalised))
      errors[field] = t('consultations.scores.outOfRange', { max: c.max_points });
    else if (!/^\d{1,4}(\.\d{1,2})?$/.test(normalised)) errors[field] = t('consultations.scores.notANumber');
    else if (Number(normalised) > c.max_points)
      errors[field] = t('consultations.scores.outOfRange', { max: c.max_points });
    else points[c.id] = normalised;
  }
  return { points, errors };
}

export const selectSchema = z.object({
  selected_bid_id: id,
  // The day of the decision: never after today; its floors (intake, launch, proposals) are the command's.
  selected_on: happenedOn(),
  selection_rationale: requiredText(10_000),
  // Ticked when the bidders were already told outside Jalons (a case recorded after the fact): no e-mail goes out.
  no_mail: z
    .unknown()
    .optional()
    .transform((v) => v === 'on' || v === '1' || v === 'true'),
});
export type SelectInput = z.output<typeof selectSchema>;

/** How a bidder was told the result when Jalons did not e-mail it (DOMAIN.md: no address, or told beforehand). */
export const NOTIFICATION_CHANNELS = ['phone', 'letter', 'in_person', 'email'] as const;

export const notificationSchema = z.object({
  notified_on: happenedOn(),
  notified_channel: choice(NOTIFICATION_CHANNELS),
});
export type NotificationInput = z.output<typeof notificationSchema>;

export const unselectSchema = z.object({ unselect_reason: requiredText(5000) });
