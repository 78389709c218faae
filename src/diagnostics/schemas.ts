import { z } from 'zod';
import { happenedOn, optionalDate } from '../platform/dates';
import { FieldErrors, optionalAmount, pickedId, requiredText } from '../platform/forms';
import type { Translate } from '../platform/i18n';
import type { SessionUser } from '../platform/auth/session-user';
import type { Diagnostic } from './queries';
import { str } from './route-helpers';

/** A long text typed in a textarea: line breaks kept (as \n), '' means none. */
const longText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, { error: 'validation.tooLong' }))
    .transform((v) => (v ? v : null));

export const TEXT_MAX = 20_000;

export const diagnosticSchema = z.object({
  findings: longText(TEXT_MAX),
  context: longText(TEXT_MAX),
  recommendations: longText(TEXT_MAX),
  days: optionalAmount(365),
  written_on: optionalDate(),
});
export type DiagnosticInput = z.output<typeof diagnosticSchema>;

/** The diagnostic form's fields as posted, to show the input again. */
export const postedDiagnosticValues = (body: Record<string, unknown>) => ({
  findings: str(body.findings),
  context: str(body.context),
  recommendations: str(body.recommendations),
  days: str(body.days),
  written_on: str(body.written_on),
  lock_version: str(body.lock_version),
});

/** The diagnostic form's fields as stored (empty when there is no diagnostic yet). */
export const storedDiagnosticValues = (diagnostic: Diagnostic | null) => ({
  findings: diagnostic?.findings ?? '',
  context: diagnostic?.context ?? '',
  recommendations: diagnostic?.recommendations ?? '',
  days: diagnostic?.days == null ? '' : String(Number(diagnostic.days)),
  written_on: diagnostic?.written_on ?? '',
  lock_version: diagnostic?.lock_version ?? 0,
});

export type Objective = { theme: string; aim: string };

export const THEME_MAX = 120;
export const AIM_MAX = 1000;
export const OBJECTIVES_MAX = 40;

const asList = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === 'string' ? x : ''));

/**
 * The repeatable "theme → aim" rows, posted as parallel `theme` and `aim` fields. Empty rows are
 * dropped; an aim needs its theme. Errors are keyed `theme-<i>` / `aim-<i>` by the row's index
 * once empty rows are gone, which is how the form is shown again.
 */
export function parseObjectives(
  body: Record<string, unknown> | undefined,
  t: Translate,
): { rows: Objective[]; errors: FieldErrors } {
  const themes = asList(body?.theme);
  const aims = asList(body?.aim);
  const rows: Objective[] = [];
  for (let i = 0; i < Math.max(themes.length, aims.length); i++) {
    const theme = (themes[i] ?? '').replace(/\s+/g, ' ').trim();
    const aim = (aims[i] ?? '').replace(/\r\n?/g, '\n').trim();
    if (theme || aim) rows.push({ theme, aim });
  }
  const errors: FieldErrors = {};
  rows.forEach((r, i) => {
    if (!r.theme) errors[`theme-${i}`] = t('diagnostics.objectives.themeRequired', { n: i + 1 });
    else if (r.theme.length > THEME_MAX) errors[`theme-${i}`] = t('validation.tooLong', { max: THEME_MAX });
    if (r.aim.length > AIM_MAX) errors[`aim-${i}`] = t('validation.tooLong', { max: AIM_MAX });
  });
  if (rows.length > OBJECTIVES_MAX)
    errors[`theme-${OBJECTIVES_MAX}`] = t('diagnostics.objectives.tooMany', { max: OBJECTIVES_MAX });
  return { rows, errors };
}

const orgId = pickedId('diagnostics.validation.chooseStructure');

export const validationSchema = z.object({
  organisation_id: orgId,
  // A signature is dated when it happened: never after the office's today.
  validated_on: happenedOn(),
  validated_by_name: requiredText(200),
});
export type ValidationInput = z.output<typeof validationSchema>;

/**
 * The validation form as posted, completed for a structure that validates for itself: its own
 * organisation, and by default its user's name. The staff's post is taken as is.
 */
export function postedValidation(body: Record<string, unknown>, user: SessionUser, staff: boolean) {
  const posted = { ...body };
  if (!staff) {
    posted.organisation_id = str(posted.organisation_id) || String(user.organisation_id);
    if (!str(posted.validated_by_name).trim()) posted.validated_by_name = user.name;
  }
  const values = {
    organisation_id: str(posted.organisation_id),
    validated_on: str(posted.validated_on),
    validated_by_name: str(posted.validated_by_name),
  };
  return { posted, values };
}
