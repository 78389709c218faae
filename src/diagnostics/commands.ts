/** The diagnostic's commands: the business rules of a structure's validation, in the caller's transaction. */
import type { Trx } from '../platform/db';
import { refuseBefore } from '../platform/dates';
import { lockOpenDiagnostic } from './queries';
import type { ValidationInput } from './schemas';

/**
 * Records a structure's validation of the diagnostic. The day it happened (validated_on, never in
 * the future: the form's schema) may not fall before the case's intake nor before the structure
 * joined the case (DateRefused, shown next to the field). True when written, false when the
 * structure had validated meanwhile (a double post).
 */
export async function recordValidation(trx: Trx, accompanimentId: string, input: ValidationInput, recordedBy: string) {
  await lockOpenDiagnostic(trx, accompanimentId);
  const acc = await trx('accompaniments').where({ id: accompanimentId }).first('intake_on');
  refuseBefore('validated_on', input.validated_on, acc?.intake_on, 'diagnostics.validation.beforeIntake');
  const member = await trx('accompaniment_beneficiaries').where({ accompaniment_id: accompanimentId, organisation_id: input.organisation_id }).first('joined_on');
  refuseBefore('validated_on', input.validated_on, member?.joined_on, 'diagnostics.validation.beforeJoined');
  const inserted = await trx('diagnostic_validations')
    .insert({ accompaniment_id: accompanimentId, ...input, recorded_by: recordedBy })
    .onConflict(['accompaniment_id', 'organisation_id'])
    .ignore()
    .returning('id');
  return inserted.length > 0;
}
