import { z } from 'zod';
import { isCalendarDate } from './dates';
import { formatDate, type Locale } from './i18n';

/**
 * Dates known only approximately: a calendar day stored with how precisely it is known, so that
 * a document prints « mi-octobre 2015 », « début janvier 2016 », « printemps 2016 » or
 * « courant 2017 » rather than a day nobody gave. The day kept (a real date) orders events; the
 * precision says how much of it may be printed. A column pair `x` (date) + `x_precision` (text,
 * one of PRECISIONS, checked by the database) holds one; the form field is
 * views/partials/_approx_date.ejs (a date and a precision select).
 */
export const PRECISIONS = ['day', 'early_month', 'mid_month', 'late_month', 'month', 'season', 'year'] as const;
export type Precision = (typeof PRECISIONS)[number];
export type ApproxDate = { on: string; precision: Precision };

export const isPrecision = (v: unknown): v is Precision => typeof v === 'string' && PRECISIONS.includes(v as Precision);

const monthYear = {
  fr: new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const WORDS = {
  fr: {
    early_month: 'début',
    mid_month: 'mi-',
    late_month: 'fin',
    year: 'courant',
    seasons: ['hiver', 'printemps', 'été', 'automne'],
  },
  en: {
    early_month: 'early',
    mid_month: 'mid-',
    late_month: 'late',
    year: 'during',
    seasons: ['winter', 'spring', 'summer', 'autumn'],
  },
} as const;

/** The season of a month (1–12): winter Dec–Feb, spring Mar–May, summer Jun–Aug, autumn Sep–Nov. */
const seasonOf = (month: number) => Math.floor((month % 12) / 3);

/**
 * « mi-octobre 2015 » (mid_month), « octobre 2015 » (month), « début janvier 2016 », « fin juin 2017 »,
 * « printemps 2016 » (season; winter spans two years: « hiver 2015-2016 »), « courant 2017 » (year),
 * « 1er janvier 2018 » (day). '' for no date. English: « mid-October 2015 », « spring 2016 », « during 2017 ».
 */
export function fmtApproxDate(locale: Locale, on: string | null | undefined, precision: string = 'day') {
  if (!on) return '';
  const [y, m] = on.split('-').map(Number);
  const w = WORDS[locale];
  const month = () => monthYear[locale].format(new Date(Date.UTC(y, m - 1, 1)));
  switch (precision) {
    case 'year':
      return `${w.year} ${y}`;
    case 'season': {
      const s = seasonOf(m);
      if (s !== 0) return `${w.seasons[s]} ${y}`;
      return m === 12 ? `${w.seasons[0]} ${y}-${y + 1}` : `${w.seasons[0]} ${y - 1}-${y}`;
    }
    case 'month':
      return month();
    case 'mid_month':
      return `${w.mid_month}${month()}`;
    case 'early_month':
    case 'late_month':
      return `${w[precision]} ${month()}`;
    default:
      return formatDate(locale, on);
  }
}

/** The same with a capital, to open a line (« Mi-octobre 2015 : … »). */
export const fmtApproxDateStart = (locale: Locale, on: string | null | undefined, precision: string) => {
  const s = fmtApproxDate(locale, on, precision);
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** The precision select's options, in the reader's language (`t` of the request). */
export const precisionOptions = (t: (key: `approxDate.precision.${Precision}`) => string) =>
  PRECISIONS.map((p) => ({ value: p, label: t(`approxDate.precision.${p}`) }));

/**
 * The two form fields of an approximate date named `name`: `name` (YYYY-MM-DD) and
 * `name_precision`. Errors are French messages keyed by the field (validation.date,
 * approxDate.precisionInvalid, approxDate.required); the form shows the input again.
 */
export function approxDateShape<N extends string>(name: N, opts: { required?: boolean } = {}) {
  const date = z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v !== null || !opts.required, { error: 'approxDate.required' })
    .refine((v) => v === null || isCalendarDate(v), { error: 'validation.date' });
  const precision = z
    .string()
    .trim()
    .optional()
    .transform((v): string => v || 'day')
    .refine(isPrecision, { error: 'approxDate.precisionInvalid' });
  return { [name]: date, [`${name}_precision`]: precision } as {
    [K in N | `${N}_precision`]: K extends N ? typeof date : typeof precision;
  };
}
