import { z } from 'zod';
import { optionalDate } from '../platform/dates';
import { choice, FieldErrors, optionalAmount, parseForm, pickedId, requiredText } from '../platform/forms';
import type { MessageKey, Translate } from '../platform/i18n';

export const PHASE_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type PhaseStatus = (typeof PHASE_STATUSES)[number];

/** At most this many phases on one accompaniment (and rows in the edit form). */
export const MAX_PHASES = 30;

const optionalPosition = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || (/^\d{1,3}$/.test(v) && Number(v) >= 1), { error: 'phases.validation.position' })
    .transform((v) => (v === null ? null : Number(v)));

export const phaseRowSchema = z
  .object({
    id: z
      .string()
      .optional()
      .transform((v) => (v && /^[1-9]\d{0,17}$/.test(v) ? v : null)),
    position: optionalPosition(),
    name: requiredText(200),
    planned_start: optionalDate(),
    planned_end: optionalDate(),
    /** The days of work planned for the phase (the convention prints them, with their price at the day rate). */
    planned_days: optionalAmount(1000),
    actual_start: optionalDate(),
    actual_end: optionalDate(),
    status: choice(PHASE_STATUSES),
    remove: z
      .string()
      .optional()
      .transform((v) => v === '1'),
  })
  .superRefine((v, ctx) => {
    if (v.planned_start && v.planned_end && v.planned_end < v.planned_start) {
      ctx.addIssue({ code: 'custom', path: ['planned_end'], message: 'validation.endBeforeStart' });
    }
    if (v.actual_start && v.actual_end && v.actual_end < v.actual_start) {
      ctx.addIssue({ code: 'custom', path: ['actual_end'], message: 'validation.endBeforeStart' });
    }
    if (v.status === 'done' && !v.actual_end) {
      ctx.addIssue({ code: 'custom', path: ['actual_end'], message: 'phases.validation.doneNeedsActualEnd' });
    }
    if (v.status === 'in_progress' && !v.actual_start) {
      ctx.addIssue({ code: 'custom', path: ['actual_start'], message: 'phases.validation.inProgressNeedsActualStart' });
    }
  });
export type PhaseRowInput = z.output<typeof phaseRowSchema>;

export const ROW_FIELDS = [
  'id',
  'position',
  'name',
  'planned_start',
  'planned_end',
  'planned_days',
  'actual_start',
  'actual_end',
  'status',
  'remove',
] as const;
export type RowField = (typeof ROW_FIELDS)[number];
/** One row of the edit form as typed (strings), to show it again. */
export type RowValues = Record<RowField, string>;

/** Form field name of a row's field: p0_name, p3_actual_end… (flat names: the body parser is not nested). */
export const fieldName = (index: number, field: RowField) => `p${index}_${field}`;

export const FIELD_LABELS: Record<Exclude<RowField, 'id'>, MessageKey> = {
  position: 'phases.fields.position',
  name: 'phases.fields.name',
  planned_start: 'phases.fields.plannedStart',
  planned_end: 'phases.fields.plannedEnd',
  planned_days: 'phases.fields.plannedDays',
  actual_start: 'phases.fields.actualStart',
  actual_end: 'phases.fields.actualEnd',
  status: 'phases.fields.status',
  remove: 'phases.fields.remove',
};

export const blankRow = (): RowValues => ({
  id: '',
  position: '',
  name: '',
  planned_start: '',
  planned_end: '',
  planned_days: '',
  actual_start: '',
  actual_end: '',
  status: 'planned',
  remove: '',
});

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The rows of a posted edit form, as typed. */
export function rowsOfBody(body: Record<string, unknown>): RowValues[] {
  const count = Math.min(Math.max(Number.parseInt(str(body.row_count), 10) || 0, 0), MAX_PHASES + 1);
  const rows: RowValues[] = [];
  for (let i = 0; i < count; i++) {
    const row = blankRow();
    for (const f of ROW_FIELDS) row[f] = str(body[fieldName(i, f)]);
    rows.push(row);
  }
  return rows;
}

/** A new row left empty is not a phase: it is neither checked nor saved. */
export const isBlankNewRow = (r: RowValues) =>
  !r.id &&
  [r.name, r.planned_start, r.planned_end, r.planned_days, r.actual_start, r.actual_end, r.position].every(
    (v) => v.trim() === '',
  ) &&
  (r.status === '' || r.status === 'planned');

export type PhasesForm = { ok: true; rows: PhaseRowInput[] } | { ok: false; errors: FieldErrors; summary: FieldErrors };

/**
 * Checks every row; errors come back keyed by the row's field name (next to that field) and,
 * for the summary at the top, prefixed with the row and field they concern.
 */
export function parsePhasesForm(rows: RowValues[], t: Translate): PhasesForm {
  const errors: FieldErrors = {};
  const summary: FieldErrors = {};
  const parsed: PhaseRowInput[] = [];
  rows.forEach((row, i) => {
    if (isBlankNewRow(row)) return;
    // A phase being removed is not checked: what it contains no longer matters.
    if (row.id && row.remove === '1') {
      parsed.push({ ...blankParsed(), id: row.id, remove: true });
      return;
    }
    const form = parseForm(phaseRowSchema, row, t);
    if (form.ok) {
      parsed.push(form.data);
      return;
    }
    for (const [field, message] of Object.entries(form.errors)) {
      const name = fieldName(i, (ROW_FIELDS as readonly string[]).includes(field) ? (field as RowField) : 'name');
      errors[name] = message;
      const label = field in FIELD_LABELS ? t(FIELD_LABELS[field as keyof typeof FIELD_LABELS]) : '';
      summary[name] = t('phases.edit.rowError', { row: i + 1, field: label, message });
    }
  });
  if (parsed.filter((r) => !r.remove).length > MAX_PHASES) {
    errors._form = t('phases.validation.tooMany', { max: MAX_PHASES });
  }
  if (Object.keys(errors).length) return { ok: false, errors, summary };
  return { ok: true, rows: parsed };
}

const blankParsed = (): PhaseRowInput => ({
  id: null,
  position: null,
  name: '',
  planned_start: null,
  planned_end: null,
  planned_days: null,
  actual_start: null,
  actual_end: null,
  status: 'planned',
  remove: false,
});

/** The phases as edit-form rows. */
export function rowsOfPhases(
  phases: {
    id: string;
    position: number;
    name: string;
    planned_start: string | null;
    planned_end: string | null;
    planned_days?: string | null;
    actual_start: string | null;
    actual_end: string | null;
    status: string;
  }[],
): RowValues[] {
  return phases.map((p) => ({
    id: p.id,
    position: String(p.position),
    name: p.name,
    planned_start: p.planned_start ?? '',
    planned_end: p.planned_end ?? '',
    planned_days: p.planned_days ?? '',
    actual_start: p.actual_start ?? '',
    actual_end: p.actual_end ?? '',
    status: p.status,
    remove: '',
  }));
}

export const templateSchema = z.object({
  template_id: pickedId('validation.choice'),
});
