import { z } from 'zod';
import { lines } from '../platform/forms';
import { happenedOn } from '../platform/dates';
import { optionalText } from '../platform/forms';

/** The survey's criteria, each scored 1 (poor) to 5 (excellent). */
export const CRITERIA = ['score_quality', 'score_listening', 'score_deliverables', 'score_overall'] as const;
export const SCORE_VALUES = [1, 2, 3, 4, 5] as const;

const score = () =>
  z
    .string({ error: 'closeOut.validation.score' })
    .trim()
    .regex(/^[1-5]$/, { error: 'closeOut.validation.score' })
    .transform(Number);

export const surveySchema = z.object({
  score_quality: score(),
  score_listening: score(),
  score_deliverables: score(),
  score_overall: score(),
  comment: optionalText(2000),
  answered_on: happenedOn(),
});
export type SurveyInput = z.output<typeof surveySchema>;

export const RESULT_VALUES = ['met', 'partly', 'not'] as const;
export type ResultValue = (typeof RESULT_VALUES)[number];

/**
 * The results form: one result and comment per objective (fields result_<id>, comment_<id>),
 * built for the objectives of the case, plus the new needs, one per line.
 */
export function resultsSchema(objectiveIds: string[]) {
  const shape: Record<string, z.ZodType> = { new_needs: lines(30, 200) };
  for (const id of objectiveIds) {
    shape[`result_${id}`] = z
      .union([z.enum(RESULT_VALUES), z.literal('')], { error: 'validation.choice' })
      .optional()
      .transform((v) => v || null);
    shape[`comment_${id}`] = optionalText(1000);
  }
  return z.object(shape);
}

/** The parsed results form as recordResults takes it: per objective its result (or none) and comment, and the new needs. */
export function resultsOf(objectiveIds: string[], data: Record<string, unknown>) {
  const results = objectiveIds.map((id) => ({
    objectiveId: id,
    result: (data[`result_${id}`] as ResultValue | null) ?? null,
    comment: (data[`comment_${id}`] as string | null) ?? null,
  }));
  return { results, newNeeds: data.new_needs as string[] };
}

/**
 * A comment alone would be lost: it explains a result, so one must be chosen. Checked on the raw
 * input, so that the message comes with the other fields' ones.
 */
export function commentsWithoutResult(body: Record<string, unknown>, objectiveIds: string[]) {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return objectiveIds.filter((id) => text(body[`comment_${id}`]) && !text(body[`result_${id}`]));
}
