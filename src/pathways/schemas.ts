import { z } from 'zod';
import { happenedOn, requiredDate } from '../platform/dates';
import {
  choice,
  FieldErrors,
  optionalAmount,
  optionalText,
  parseForm,
  pickedId,
  requiredText,
} from '../platform/forms';
import type { Translate } from '../platform/i18n';
import { ACTION_EVENTS, ACTION_STATUSES } from './lifecycle';

/** The kinds a user records or plans on the parcours page (a consultancy is an accompaniment). */
export const OWN_ACTION_KINDS = ['advice', 'orientation', 'local_offer'] as const;
export type OwnActionKind = (typeof OWN_ACTION_KINDS)[number];
export const KIND_FILTERS = ['consultancy', ...OWN_ACTION_KINDS] as const;

const blankOr = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values)
    .or(z.literal(''))
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

/** The list's filters (a hand-typed garbage value is ignored, not an error). */
export const listFiltersSchema = z.object({
  status: blankOr(['open', 'closed'] as const),
  coordinator: z
    .string()
    .regex(/^[1-9]\d{0,17}$/)
    .optional()
    .catch(undefined),
  kind: blankOr(KIND_FILTERS),
  action_status: blankOr(ACTION_STATUSES),
});
export type ListFilters = z.output<typeof listFiltersSchema>;

// A head count or an attendance: '' means "not known", otherwise a whole number from 0.
const count = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || /^\d{1,6}$/.test(v), { error: 'pathways.validation.count' })
  .transform((v) => (v ? Number(v) : null));

/** Its own diagnostic, or its part of the collective diagnostic of one of its cases. */
export const DIAGNOSTIC_MODES = ['own', 'shared'] as const;
const ownDiagnostic = z.object({
  mode: z.literal('own'),
  diagnosed_on: happenedOn(),
  diagnostic_summary: requiredText(8000),
  diagnostic_needs: optionalText(8000),
  diagnostic_recommendations: optionalText(8000),
});
const sharedDiagnostic = z.object({
  mode: z.literal('shared'),
  shared_diagnostic_accompaniment_id: pickedId('pathways.diagnostic.pickCase'),
});
export type DiagnosticInput = z.output<typeof ownDiagnostic> | z.output<typeof sharedDiagnostic>;
export const diagnosticModeSchema = z.object({ mode: choice(DIAGNOSTIC_MODES) });

export function parseDiagnostic(
  body: unknown,
  t: Translate,
): { ok: true; data: DiagnosticInput } | { ok: false; errors: FieldErrors } {
  const mode = parseForm(diagnosticModeSchema, body, t);
  if (!mode.ok) return mode;
  return mode.data.mode === 'own' ? parseForm(ownDiagnostic, body, t) : parseForm(sharedDiagnostic, body, t);
}

/** Planning an action: what, and by when (a target may be in the future). */
const planned = z.object({
  title: requiredText(300),
  target_on: requiredDate(),
  partner: optionalText(300),
  notes: optionalText(4000),
});
/** Recording an appui-conseil that happened: its day, the hours given, its subject and notes. */
const advice = z.object({
  title: requiredText(300),
  happened_on: happenedOn(),
  hours: optionalAmount(1000),
  notes: optionalText(4000),
});
/** Recording an orientation: to which partner, on which day; what came of it is recorded later. */
const orientation = z.object({
  partner: requiredText(300),
  happened_on: happenedOn(),
  notes: optionalText(4000),
});
/** Recording an offre locale / formation collective: its title, day and how many attended from the structure. */
const localOffer = z.object({
  title: requiredText(300),
  happened_on: happenedOn(),
  attendance: count,
  notes: optionalText(4000),
});

export const ACTION_MODES = ['plan', 'record'] as const;
export type ActionMode = (typeof ACTION_MODES)[number];
const actionHead = z.object({ kind: choice(OWN_ACTION_KINDS), mode: choice(ACTION_MODES) });

export type ActionInput =
  | ({ mode: 'plan'; kind: OwnActionKind } & z.output<typeof planned>)
  | ({ mode: 'record'; kind: 'advice' } & z.output<typeof advice>)
  | ({ mode: 'record'; kind: 'orientation' } & z.output<typeof orientation>)
  | ({ mode: 'record'; kind: 'local_offer' } & z.output<typeof localOffer>);

/** A planned or recorded action, its fields by kind; errors per field as any form. */
export function parseAction(
  body: unknown,
  t: Translate,
): { ok: true; data: ActionInput } | { ok: false; errors: FieldErrors } {
  const head = parseForm(actionHead, body, t);
  if (!head.ok) return head;
  const { kind, mode } = head.data;
  const schema =
    mode === 'plan' ? planned : kind === 'advice' ? advice : kind === 'orientation' ? orientation : localOffer;
  const form = parseForm(schema, body, t);
  if (!form.ok) return form;
  if (mode === 'plan' && kind === 'orientation' && !(form.data as z.output<typeof planned>).partner)
    return { ok: false, errors: { partner: t('validation.required') } };
  return { ok: true, data: { ...form.data, kind, mode } as ActionInput };
}

/** A move of an action: its day, a reason to cancel; hours or attendance may come with its completion. */
export const actionTransitionSchema = z.object({
  event: choice(ACTION_EVENTS as unknown as readonly [string, ...string[]]).transform(
    (v) => v as (typeof ACTION_EVENTS)[number],
  ),
  happened_on: happenedOn(),
  reason: optionalText(2000),
  hours: optionalAmount(1000),
  attendance: count,
});
export type ActionTransitionInput = z.output<typeof actionTransitionSchema>;

/** What came of an orientation, known later. */
export const outcomeSchema = z.object({
  outcome: requiredText(2000),
  outcome_on: happenedOn(),
});

/** A follow-up checkpoint held: its day, the headcounts at that date, notes. */
export const checkpointSchema = z
  .object({
    held_on: happenedOn(),
    employees: count,
    employees_in_insertion: count,
    notes: optionalText(4000),
  })
  .refine((v) => v.employees === null || v.employees_in_insertion === null || v.employees_in_insertion <= v.employees, {
    error: 'pathways.validation.insertionAboveTotal',
    path: ['employees_in_insertion'],
  });
export type CheckpointInput = z.output<typeof checkpointSchema>;

/** Closing or reopening the parcours: the day and why. */
export const closureSchema = z.object({
  happened_on: happenedOn(),
  reason: requiredText(2000),
});

/** Linking a case of the structure not yet in the parcours. */
export const linkSchema = z.object({ accompaniment_id: pickedId('pathways.consultancy.pickCase') });
