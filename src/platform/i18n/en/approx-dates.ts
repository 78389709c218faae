import type { approxDatesFr } from '../fr/approx-dates';

/** English strings of approximate dates (same keys as the French file). */
export const approxDatesEn: Record<keyof typeof approxDatesFr, string> = {
  'approxDate.precision': 'Precision',
  'approxDate.precision.day': 'Exact day',
  'approxDate.precision.early_month': 'Early in the month',
  'approxDate.precision.mid_month': 'Mid-month',
  'approxDate.precision.late_month': 'Late in the month',
  'approxDate.precision.month': 'Month only',
  'approxDate.precision.season': 'Season only',
  'approxDate.precision.year': 'Year only',
  'approxDate.hint':
    'If the day is not known, pick a date in the month or year and the precision: the sheet will print “mid-October 2015”, “during 2017”…',
  'approxDate.required': 'Enter a date (dd/mm/yyyy), even an approximate one, with its precision.',
  'approxDate.precisionInvalid': 'Pick a precision from the list: day, early, mid or late month, month, season, year.',
} as const;
