/**
 * The diagnostic's commands: saving its texts and objectives (a content change withdraws the
 * validations) and a structure's validation, in the caller's transaction (callable from a route, a
 * job or the CLI: a write context or a transaction and plain data, never a request).
 */
import type { Trx } from '../platform/db';
import { refuseBefore } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import type { WriteContext } from '../platform/write';
import {
  contentChanged,
  hasContent,
  loadDiagnostic,
  lockOpenDiagnostic,
  saveDiagnostic,
  validationBoard,
} from './queries';
import type { DiagnosticInput, Objective, ValidationInput } from './schemas';
import type { AccompanimentBeneficiariesRow, AccompanimentsRow, DiagnosticValidationsRow } from '../platform/db-tables';

/**
 * Saves the diagnostic's texts and objectives at the version the form was opened on. Null when
 * someone saved in between (logged as a conflict); otherwise the validations a content change
 * withdrew (none when the content did not change). A structure that withdrew from the case keeps
 * the validation it gave while in it (history never disappears). Throws DiagnosticClosed.
 */
export async function saveDiagnosticContent(
  w: WriteContext,
  accompanimentId: string,
  lockVersion: number,
  input: DiagnosticInput,
  objectives: Objective[],
) {
  await lockOpenDiagnostic(w.trx, accompanimentId);
  const before = await loadDiagnostic(w.trx, accompanimentId);
  const changed = contentChanged(before, input, objectives);
  if (!(await saveDiagnostic(w.trx, accompanimentId, lockVersion, input, objectives))) {
    await w.audit({ action: 'diagnostic.update_conflict', entityType: 'accompaniment', entityId: accompanimentId });
    return null;
  }
  await w.audit({
    action: 'diagnostic.update',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: {
      content_changed: changed,
      days: input.days,
      written_on: input.written_on,
      objectives: objectives.map((o) => o.theme),
    },
  });
  if (!changed) return [];
  const removed = await w
    .trx('diagnostic_validations')
    .where({ accompaniment_id: accompanimentId })
    .whereNotIn(
      'organisation_id',
      w
        .trx('accompaniment_beneficiaries')
        .where({ accompaniment_id: accompanimentId, status: 'withdrawn' })
        .select('organisation_id'),
    )
    .del()
    .returning<Pick<DiagnosticValidationsRow, 'organisation_id' | 'validated_on' | 'validated_by_name'>[]>([
      'organisation_id',
      'validated_on',
      'validated_by_name',
    ]);
  if (removed.length) {
    await w.audit({
      action: 'diagnostic.validations_withdrawn',
      entityType: 'accompaniment',
      entityId: accompanimentId,
      details: { reason: 'content_changed', validations: removed },
    });
  }
  return removed;
}

/** Why a validation cannot be recorded: next to a field (the structure) or above the form. */
export class ValidationRefused extends Error {
  constructor(
    readonly field: 'organisation_id' | null,
    readonly key: MessageKey,
    readonly params: Record<string, string> = {},
  ) {
    super(key);
  }
}

/**
 * A structure's validation of the diagnostic, by itself or recorded by the staff: the structure
 * must be active in the case and not have validated yet, and the diagnostic must have content
 * (ValidationRefused); then recordValidation's date rules. Returns whether it was written (false on
 * a concurrent double post, logged as a duplicate) and the structure's name.
 */
export async function validateDiagnostic(
  w: WriteContext,
  accompanimentId: string,
  input: ValidationInput,
  by: { id: string; staff: boolean },
) {
  const board = await validationBoard(w.trx, accompanimentId);
  const target = board.find((b) => String(b.organisation_id) === input.organisation_id);
  if (!target || target.status !== 'active')
    throw new ValidationRefused('organisation_id', 'diagnostics.validation.notActive');
  if (target.validated_on) {
    throw new ValidationRefused('organisation_id', 'diagnostics.validation.already', { name: target.name });
  }
  if (!hasContent(await loadDiagnostic(w.trx, accompanimentId))) {
    throw new ValidationRefused(null, 'diagnostics.validation.nothingToValidate');
  }
  const written = await recordValidation(w.trx, accompanimentId, input, by.id);
  await w.audit({
    action: written ? 'diagnostic.validate' : 'diagnostic.validate_duplicate',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { ...input, by_the_structure: !by.staff },
  });
  return { written, name: target.name };
}

/**
 * Records a structure's validation of the diagnostic. The day it happened (validated_on, never in
 * the future: the form's schema) may not fall before the case's intake nor before the structure
 * joined the case (DateRefused, shown next to the field). True when written, false when the
 * structure had validated meanwhile (a double post).
 */
export async function recordValidation(trx: Trx, accompanimentId: string, input: ValidationInput, recordedBy: string) {
  await lockOpenDiagnostic(trx, accompanimentId);
  const acc = await trx<AccompanimentsRow>('accompaniments').where({ id: accompanimentId }).first('intake_on');
  refuseBefore('validated_on', input.validated_on, acc?.intake_on, 'diagnostics.validation.beforeIntake');
  const member = await trx<AccompanimentBeneficiariesRow>('accompaniment_beneficiaries')
    .where({ accompaniment_id: accompanimentId, organisation_id: input.organisation_id })
    .first('joined_on');
  refuseBefore('validated_on', input.validated_on, member?.joined_on, 'diagnostics.validation.beforeJoined');
  const inserted = await trx('diagnostic_validations')
    .insert({ accompaniment_id: accompanimentId, ...input, recorded_by: recordedBy })
    .onConflict(['accompaniment_id', 'organisation_id'])
    .ignore()
    .returning<{ id: string }[]>('id');
  return inserted.length > 0;
}

/**
 * Withdraws a structure's validation while the diagnostic is open (DiagnosticClosed otherwise),
 * logged with what was removed; false, nothing logged, when the structure had none.
 */
export async function deleteValidation(w: WriteContext, accompanimentId: string, organisationId: string) {
  await lockOpenDiagnostic(w.trx, accompanimentId);
  const removed = await w
    .trx('diagnostic_validations')
    .where({ accompaniment_id: accompanimentId, organisation_id: organisationId })
    .del()
    .returning<Pick<DiagnosticValidationsRow, 'organisation_id' | 'validated_on' | 'validated_by_name'>[]>([
      'organisation_id',
      'validated_on',
      'validated_by_name',
    ]);
  if (!removed.length) return false;
  await w.audit({
    action: 'diagnostic.validation_delete',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: removed[0],
  });
  return true;
}
