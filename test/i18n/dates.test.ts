import fc from 'fast-check';
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { fr as frLocale } from 'date-fns/locale/fr';
import { formatDate, formatRecorded, translate, type Locale } from '../../src/platform/i18n';

// The patterns the app wrote dates with before it used Intl formatters (src/platform/i18n/index.ts).
const patterns = {
  long: { fr: 'd MMMM yyyy', en: 'd MMMM yyyy' },
  short: { fr: 'dd/MM/yyyy', en: 'dd/MM/yyyy' },
  datetime: { fr: "d MMMM yyyy 'à' HH:mm", en: "d MMMM yyyy 'at' HH:mm" },
} as const;
const dateLocales = { fr: frLocale, en: enGB };
const locales: Locale[] = ['fr', 'en'];
const styles = ['long', 'short', 'datetime'] as const;
// French writes the first of a month « 1er » in words (not in figures: 01/11/2016).
const firstOfMonth = (locale: Locale, style: string, text: string) =>
  locale === 'fr' && style !== 'short' && text.startsWith('1 ') ? `1er${text.slice(1)}` : text;

describe('dates written by the cached Intl formatters', () => {
  it('match the date-fns patterns for any instant from 1900 to 2099, in Paris time, in both languages', () => {
    const instant = fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, fc.constantFrom(...locales), fc.constantFrom(...styles), (d, locale, style) => {
        expect(formatDate(locale, d, style)).toBe(
          firstOfMonth(locale, style, format(d, patterns[style][locale], { locale: dateLocales[locale] })),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('match them for calendar dates (YYYY-MM-DD), read at noon so that no time zone moves the day', () => {
    const day = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.constantFrom(...locales), (iso, locale) => {
        expect(formatDate(locale, iso)).toBe(
          firstOfMonth(
            locale,
            'long',
            format(new Date(`${iso}T12:00:00`), 'd MMMM yyyy', { locale: dateLocales[locale] }),
          ),
        );
        expect(formatDate(locale, iso, 'short')).toBe(`${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
      }),
    );
  });

  it('write the first of a month « 1er » in French, never in English or in figures', () => {
    expect(formatDate('fr', '2016-11-01')).toBe('1er novembre 2016');
    expect(formatDate('fr', '2016-11-11')).toBe('11 novembre 2016');
    expect(formatDate('fr', '2016-11-01', 'short')).toBe('01/11/2016');
    expect(formatDate('en', '2016-11-01')).toBe('1 November 2016');
  });

  it('say « saisi le … » only when an event was recorded on another day than it happened', () => {
    expect(formatRecorded('fr', '2016-01-12', new Date('2026-12-07T10:00:00'))).toBe('saisi le 7 décembre 2026');
    expect(formatRecorded('en', '2016-01-12', new Date('2026-12-07T10:00:00'))).toBe('recorded on 7 December 2026');
    expect(formatRecorded('fr', '2026-12-07', new Date('2026-12-07T23:30:00'))).toBe('');
    expect(formatRecorded('fr', null, new Date())).toBe('');
  });

  it('write nothing for a missing or invalid date', () => {
    for (const v of [null, undefined, '', 'pas une date']) expect(formatDate('fr', v)).toBe('');
  });
});

describe('messages with parameters', () => {
  it('fill every placeholder, keep unknown ones as written, and leave the message itself unchanged', () => {
    expect(translate('fr', 'timeline.range', { first: 51, last: 100 })).toBe('affichés : 51 à 100');
    expect(translate('fr', 'timeline.range', { first: 1 })).toBe('affichés : 1 à {last}');
    // A value that looks like a placeholder is written as is, never filled in turn.
    expect(translate('en', 'timeline.range', { first: '{last}', last: 2 })).toBe('showing {last} to 2');
    expect(translate('fr', 'timeline.range', { first: 3, last: 4 })).toBe('affichés : 3 à 4');
  });
});
