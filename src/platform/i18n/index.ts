import type { NextFunction, Request, Response } from 'express';
import { dayOf } from '../day';
import { formatDistanceToNow } from 'date-fns/formatDistanceToNow';
import { enGB } from 'date-fns/locale/en-GB';
import { fr as frLocale } from 'date-fns/locale/fr';
import { en } from './en';
import { fr } from './fr';
import { ELIDERS, type Elision } from './elide';

export type Locale = 'fr' | 'en';
export type MessageKey = keyof typeof fr;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const LOCALES: Locale[] = ['fr', 'en'];
export const LANG_COOKIE = 'jalons_lang';
const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };
const dateLocales = { fr: frLocale, en: enGB };

export function isLocale(v: unknown): v is Locale {
  return v === 'fr' || v === 'en';
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = catalogues[locale][key] ?? fr[key] ?? key;
  if (!params) return text;
  let out = '';
  for (const seg of segmentsOf(text)) {
    if (typeof seg === 'string') out += seg;
    else if (!(seg.name in params)) out += seg.source;
    else if ('forms' in seg) out += pluralOf(locale, seg.forms, params[seg.name]);
    else out += seg.elide ? ELIDERS[seg.elide](String(params[seg.name])) : String(params[seg.name]);
  }
  return out;
}

/**
 * A message's parts, parsed once: text, `{name}` placeholders, `{de:name}` (« d’Intermed », « de
 * Chacasol », elide.ts) and plurals in the ICU form `{count, plural, one {# séance} other {# séances}}`
 * (`#` is the value as given; `=0 {…}` an exact value). Pages call translate hundreds of times, and
 * a regular expression per call showed in profiles: the parse is kept per message.
 */
type Segment =
  | string
  | { name: string; source: string; elide?: Elision }
  | { name: string; source: string; forms: Record<string, string> };
const segmentCache = new Map<string, Segment[]>();
const PLACEHOLDER = /^\{(?:(de|que|a):)?(\w+)\}/;
const PLURAL = /^\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/;
const FORM = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;
function segmentsOf(text: string): Segment[] {
  let segments = segmentCache.get(text);
  if (segments) return segments;
  // Messages are a fixed catalogue; the bound only guards against keys built from data.
  if (segmentCache.size > 10_000) segmentCache.clear();
  segments = [];
  let literal = '';
  for (let i = 0; i < text.length;) {
    const rest = text.slice(i);
    const p = text[i] === '{' ? PLACEHOLDER.exec(rest) : null;
    const q = text[i] === '{' && !p ? PLURAL.exec(rest) : null;
    if (!p && !q) {
      literal += text[i++];
      continue;
    }
    if (literal) segments.push(literal);
    literal = '';
    if (p) segments.push({ name: p[2], source: p[0], elide: p[1] as Elision | undefined });
    else if (q)
      segments.push({
        name: q[1],
        source: q[0],
        forms: Object.fromEntries([...q[2].matchAll(FORM)].map((f) => [f[1], f[2]])),
      });
    i += (p ?? q)![0].length;
  }
  if (literal) segments.push(literal);
  segmentCache.set(text, segments);
  return segments;
}

const pluralRules: Record<Locale, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr-FR'),
  en: new Intl.PluralRules('en-GB'),
};

/**
 * The category of a count in a language (Intl.PluralRules): French « 0 séance », « 1 séance »,
 * « 1,5 jour », « 2 séances »; English "1 session", "0 sessions", "1.5 days". A count may arrive
 * formatted ("6,5", "1 234"): it is read back as a number.
 */
export function pluralCategory(locale: Locale, count: number | string): Intl.LDMLPluralRule {
  const n =
    typeof count === 'number'
      ? count
      : Number(count.replace(/[\s\u00a0\u202f,]/g, (c) => (c === ',' && locale === 'fr' ? '.' : '')));
  return pluralRules[locale].select(Number.isFinite(n) ? n : 0);
}

function pluralOf(locale: Locale, forms: Record<string, string>, value: string | number) {
  const form = forms[`=${value}`] ?? forms[pluralCategory(locale, value)] ?? forms.other ?? '';
  return form.replace(/#/g, String(value));
}

export function hasKey(key: string): key is MessageKey {
  return key in fr;
}

/**
 * Date styles: long « 12 février 2016 », short « 12/02/2016 », datetime « 12 février 2016 à 14:30 »
 * (English: « 12 February 2016 », « 12/02/2016 », « 12 February 2016 at 14:30 »). Intl formatters,
 * made once and kept: date-fns' `format` parsed its pattern on every call, and a long timeline or
 * session list formats hundreds of dates per page. test/i18n/dates.test.ts checks they write
 * exactly what the date-fns patterns 'd MMMM yyyy', 'dd/MM/yyyy' and "d MMMM yyyy 'à' HH:mm" wrote.
 */
const dateStyles = {
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  short: { day: '2-digit', month: '2-digit', year: 'numeric' },
  datetime: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  // A month and its year, « janv. 2016 » (« Jan 2016 »), and a year alone: the phases picture's ticks.
  month: { month: 'short', year: 'numeric' },
  year: { year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof dateStyles;
const intlLocales: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
// Made on first use, so that they read the time zone the process runs in (TZ is set at start-up).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, style: DateStyle) {
  const key = `${locale}:${style}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(intlLocales[locale], dateStyles[style])));
  return f;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Dates are shown in the reader's language; 'YYYY-MM-DD' strings are calendar dates, not instants. */
export function formatDate(locale: Locale, value: Date | string | null | undefined, style: DateStyle = 'long') {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'string' && CALENDAR_DATE.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const text = dateFormat(locale, style).format(date);
  // French writes the first day of a month as an ordinal: « 1er novembre 2016 ».
  return locale === 'fr' && style !== 'short' && text.startsWith('1 ') ? `1er${text.slice(1)}` : text;
}

/**
 * « saisi le 7 décembre 2026 » when an event was recorded on another day than the one it happened
 * on (a case entered after the fact), else ''. `recordedAt` is the row's timestamp; the day is the office's.
 */
export function formatRecorded(
  locale: Locale,
  happenedOn: string | Date | null | undefined,
  recordedAt: Date | string | null | undefined,
) {
  if (!happenedOn || !recordedAt) return '';
  const recorded = new Date(recordedAt);
  if (Number.isNaN(recorded.getTime())) return '';
  const happened = typeof happenedOn === 'string' ? happenedOn.slice(0, 10) : dayOf(happenedOn);
  if (dayOf(recorded) === happened) return '';
  return translate(locale, 'dates.recordedOn', { date: formatDate(locale, recorded) });
}

export function formatAgo(locale: Locale, value: Date | string) {
  return formatDistanceToNow(new Date(value), { addSuffix: true, locale: dateLocales[locale] });
}

const numberFormats = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};
const euroFormats = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
};

/** 6,5 in French, 6.5 in English; numeric columns arrive from PostgreSQL as strings. */
export function formatNumber(locale: Locale, n: number | string) {
  return numberFormats[locale].format(Number(n));
}

/** 7 000 € in French, €7,000 in English (whole euros: the DLA budgets in euros, not cents). */
export function formatEuros(locale: Locale, n: number | string) {
  return euroFormats[locale].format(Number(n));
}

const centFormats = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }),
};

/**
 * 1 234,56 € in French, €1,234.56 in English: amounts kept with their cents (envelopes, purchase orders,
 * invoices, payments). A numeric column arrives as a string; Number() of a numeric(14,2) is exact to the cent.
 */
export function formatAmount(locale: Locale, n: number | string) {
  return centFormats[locale].format(Number(n));
}

/** Locale of a request: the remembered choice, then the user's profile, then Accept-Language, then French. */
export function negotiateLocale(req: Request): Locale {
  const cookie: unknown = req.cookies?.[LANG_COOKIE];
  if (isLocale(cookie)) return cookie;
  if (req.user && isLocale(req.user.locale)) return req.user.locale;
  const accepted = req.acceptsLanguages('fr', 'en');
  return isLocale(accepted) ? accepted : 'fr';
}

export function i18nMiddleware(req: Request, res: Response, next: NextFunction) {
  const locale = negotiateLocale(req);
  const t: Translate = (key, params) => translate(locale, key, params);
  req.locale = locale;
  req.t = t;
  res.locals.locale = locale;
  res.locals.t = t;
  res.locals.fmtDate = (d: Date | string | null | undefined, style?: DateStyle) => formatDate(locale, d, style);
  res.locals.fmtAgo = (d: Date | string) => formatAgo(locale, d);
  res.locals.fmtRecorded = (
    happenedOn: string | Date | null | undefined,
    recordedAt: Date | string | null | undefined,
  ) => formatRecorded(locale, happenedOn, recordedAt);
  res.locals.fmtNumber = (n: number | string) => formatNumber(locale, n);
  res.locals.fmtEuros = (n: number | string) => formatEuros(locale, n);
  res.locals.fmtAmount = (n: number | string) => formatAmount(locale, n);
  next();
}
