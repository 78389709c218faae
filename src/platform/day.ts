const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * The calendar day of an instant where the office is (the process runs with TZ=Europe/Paris), as
 * 'yyyy-MM-dd', written from the date's parts: date-fns' `format` parses its pattern on every call
 * (about ten times the cost), and a page asks for days many times. Its own module so that both
 * dates.ts and the i18n catalogue (which dates.ts imports) can use it.
 */
export const dayOf = (d: Date) => `${d.getFullYear()}-${twoDigits(d.getMonth() + 1)}-${twoDigits(d.getDate())}`;
