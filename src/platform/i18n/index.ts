import type { NextFunction, Request, Response } from 'express';
import { format, formatDistanceToNow } from 'date-fns';
import { enGB, fr as frLocale } from 'date-fns/locale';
import { en } from './en';
import { fr } from './fr';

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
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function hasKey(key: string): key is MessageKey {
  return key in fr;
}

const patterns = {
  long: { fr: 'd MMMM yyyy', en: 'd MMMM yyyy' }, // 12 février 2016
  short: { fr: 'dd/MM/yyyy', en: 'dd/MM/yyyy' },
  datetime: { fr: "d MMMM yyyy 'à' HH:mm", en: "d MMMM yyyy 'at' HH:mm" },
};

/** Dates are shown in the reader's language; 'YYYY-MM-DD' strings are calendar dates, not instants. */
export function formatDate(locale: Locale, value: Date | string | null | undefined, style: keyof typeof patterns = 'long') {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return format(date, patterns[style][locale], { locale: dateLocales[locale] });
}

export function formatAgo(locale: Locale, value: Date | string) {
  return formatDistanceToNow(new Date(value), { addSuffix: true, locale: dateLocales[locale] });
}

const numberFormats = { fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }) };
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

/** Locale of a request: the remembered choice, then the user's profile, then Accept-Language, then French. */
export function negotiateLocale(req: Request): Locale {
  const cookie = req.cookies?.[LANG_COOKIE];
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
  res.locals.fmtDate = (d: Date | string | null | undefined, style?: keyof typeof patterns) => formatDate(locale, d, style);
  res.locals.fmtAgo = (d: Date | string) => formatAgo(locale, d);
  res.locals.fmtNumber = (n: number | string) => formatNumber(locale, n);
  res.locals.fmtEuros = (n: number | string) => formatEuros(locale, n);
  next();
}
