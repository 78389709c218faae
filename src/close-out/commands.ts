import { refuseBefore } from '../platform/dates';
import type { WriteContext } from '../platform/write';
import { saveResults, saveSurvey } from './queries';
import type { ResultValue, SurveyInput } from './schemas';

/**
 * What happens at close-out, callable from a route, a job or the CLI: each command takes the write
 * context (transaction, actor, audit) and plain data. A day refused is a DateRefused (next to its field).
 */

/**
 * A structure's satisfaction survey, answered on the day chosen (never before the case's intake),
 * by its own user or on its behalf. A first answer (`lockVersion` null) or a change at the version
 * the form showed: false, nothing changed, when someone answered in between.
 */
export async function answerSurvey(
  w: WriteContext,
  acc: { id: string; intake_on?: string | null },
  answer: { organisationId: string; onBehalf: boolean; lockVersion: number | null },
  input: SurveyInput,
) {
  const userId = w.actor.userId;
  if (!userId) throw new Error('A survey is answered by a signed-in user');
  refuseBefore('answered_on', input.answered_on, acc.intake_on, 'closeOut.survey.beforeIntake');
  const ok = await saveSurvey(
    w.trx,
    { accompanimentId: acc.id, organisationId: answer.organisationId, userId, onBehalf: answer.onBehalf },
    input,
    answer.lockVersion,
  );
  await w.audit({
    action: ok ? 'close_out.survey.save' : 'close_out.survey.conflict',
    entityType: 'accompaniment',
    entityId: acc.id,
    details: { organisation_id: answer.organisationId, on_behalf: answer.onBehalf, answered_on: input.answered_on },
  });
  return ok;
}

/** The results per objective and the new needs, at the version the form showed: false when someone saved in between. */
export async function recordResults(
  w: WriteContext,
  accompanimentId: string,
  lockVersion: number,
  data: { results: { objectiveId: string; result: ResultValue | null; comment: string | null }[]; newNeeds: string[] },
) {
  const userId = w.actor.userId;
  if (!userId) throw new Error('Results are recorded by a signed-in user');
  const ok = await saveResults(w.trx, accompanimentId, Number.isInteger(lockVersion) ? lockVersion : -1, data, userId);
  await w.audit({
    action: ok ? 'close_out.results.save' : 'close_out.results.conflict',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: ok
      ? {
          results: data.results.filter((r) => r.result).map((r) => [r.objectiveId, r.result]),
          new_needs: data.newNeeds.length,
        }
      : undefined,
  });
  return ok;
}
