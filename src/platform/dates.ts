import { format } from 'date-fns/format';
import { dayOf } from './day';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { z } from 'zod';
import { formatDate, type Locale, type MessageKey, type Params, type Translate } from './i18n';

/**
 * Dates of things that happened. Every recorded event carries the calendar day it happened on,
 * chosen by the user (a case is often recorded after the fact), besides the instant it was
 * recorded (kept by the audit log and the rows' own timestamps). DOMAIN.md, "Dates".
 */

/** Today's calendar date where the office is (the process runs with TZ=Europe/Paris). */
export const localToday = () => dayOf(new Date());

/** Midnight at the start of the office's today, as an instant: something done since then was done "today". */
export function startOfLocalToday(now = new Date()) {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d;
}

/** The office's calendar day of an instant (a row's recorded_at / created_at). */
export const localDayOf = (instant: Date | string) => format(new Date(instant), 'yyyy-MM-dd');

/** A real day written YYYY-MM-DD (no 31 April), between 1990 and 2100. */
export function isCalendarDate(v: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = parseISO(v);
  return isValid(d) && format(d, 'yyyy-MM-dd') === v && d.getFullYear() >= 1990 && d.getFullYear() <= 2100;
}

/** A calendar date typed in a form (YYYY-MM-DD from <input type=date>); '' means none. */
export const optionalDate = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isCalendarDate(v), { error: 'validation.date' });

export const requiredDate = () =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .refine(isCalendarDate, { error: 'validation.date' });

/**
 * The day an event happened, as chosen by the user: a valid date, never after today (the office's
 * day). Forms offer today by default. The bounds that depend on the record (not before the case's
 * intake, not before the previous step) are the commands' business: see `refuseBefore`.
 */
export const happenedOn = () => requiredDate().refine((v) => v <= localToday(), { error: 'validation.dateFuture' });

/** A date refused by a command, for the field that holds it: the form is shown again with the message. */
export class DateRefused extends Error {
  constructor(
    readonly field: string,
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(key);
  }
}

/**
 * Refuses `date` (of `field`) when it falls before `floor`: e.g. a signature before the convention's
 * issue, a transition before the case's intake. `key` says why; its {date} is the floor.
 */
export function refuseBefore(field: string, date: string, floor: string | null | undefined, key: MessageKey) {
  if (floor && date < floor) throw new DateRefused(field, key, { date: floor });
}

/**
 * The form error of a refused date, keyed by its field, in the reader's language: the floor date
 * ({date}) is written out (« 4 janvier 2016 »), not as typed.
 */
export function dateRefusalError(req: { locale: Locale; t: Translate }, err: DateRefused): Record<string, string> {
  const params = { ...err.params };
  if (typeof params.date === 'string') params.date = formatDate(req.locale, params.date);
  return { [err.field]: req.t(err.key, params) };
}
