/**
 * The operator settings' command, callable from a route, a job or the CLI: it takes the write context
 * and plain data. The row is created by the first save, then updated; the audit entry keeps what the
 * settings were before and after.
 */
import type { WriteContext } from '../platform/write';
import type { OperatorSettingsInput } from './schemas';
import { operatorSettings } from './settings';

export async function saveOperatorSettings(w: WriteContext, operatorId: string, input: OperatorSettingsInput) {
  const before = await operatorSettings(w.trx, operatorId);
  const row = {
    eligibility_criteria: input.eligibility_criteria,
    intake_reminder_days: input.intake_reminder_days,
    committee_exempt_kinds: input.committee_exempt_kinds,
  };
  await w
    .trx('operator_settings')
    .insert({ operator_id: operatorId, ...row })
    .onConflict('operator_id')
    .merge({ ...row, updated_at: w.trx.fn.now() });
  await w.audit({
    action: before.saved ? 'operator_settings.update' : 'operator_settings.create',
    entityType: 'organisation',
    entityId: operatorId,
    details: {
      before: {
        eligibility_criteria: before.eligibility_criteria,
        intake_reminder_days: before.intake_reminder_days,
        committee_exempt_kinds: before.committee_exempt_kinds,
      },
      after: row,
    },
  });
}
