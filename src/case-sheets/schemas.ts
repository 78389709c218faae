import { z } from 'zod';
import { requiredDate } from '../platform/dates';
import { localToday } from '../platform/dates';
import { lines, optionalText, requiredText } from '../platform/forms';

/** The list fields of the sheet: a textarea each, one item per line. */
export const LIST_FIELDS = ['context', 'prior_links', 'results', 'success_factors', 'risks', 'advice'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export const caseSheetSchema = z.object({
  context: lines(20, 600),
  prior_links: lines(20, 600),
  results: lines(20, 600),
  success_factors: lines(20, 600),
  risks: lines(20, 600),
  advice: lines(20, 600),
  provider_role: optionalText(3000),
  network_role: optionalText(3000),
});
export type CaseSheetInput = z.output<typeof caseSheetSchema>;

/** A quote is only recorded with the date the person consented to its publication. */
export const quoteSchema = z.object({
  person_name: requiredText(200),
  person_role: optionalText(200),
  text: requiredText(2000),
  consent_on: z
    .string({ error: 'caseSheets.quote.consentRequired' })
    .trim()
    .min(1, { error: 'caseSheets.quote.consentRequired' })
    .pipe(requiredDate())
    .refine((d) => d <= localToday(), { error: 'caseSheets.quote.consentFuture' }),
});
export type QuoteInput = z.output<typeof quoteSchema>;
