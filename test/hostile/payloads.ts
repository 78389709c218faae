import fc from 'fast-check';

/**
 * Hostile values a form may receive. Each is a raw string (the encoder below turns it into the
 * bytes a browser would send), or, for `raw`, bytes already percent-encoded (invalid UTF-8).
 */
export type Hostile = { text: string; raw?: boolean };

export const SQL = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '1; DROP TABLE accompaniments',
  "\\'; SELECT pg_sleep(5) --",
  '%_\\',
  '$1 $$ $$',
  "O'Brien",
];
/** Each carries a marker a test can find literally if it were ever rendered unescaped. */
export const HTML = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '<svg><script>alert(1)</script></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<%= process.exit() %>{{constructor.constructor("alert(1)")()}}',
];
export const NUMBERS = [
  '1e308',
  '-1e308',
  '-0',
  'NaN',
  'Infinity',
  '99999999999999999999',
  '-99999999999999999999',
  '1.5',
  '0x10',
  '1,5,5',
  '9'.repeat(400),
  '1e-400',
  '-1',
];
export const DATES = [
  '0000-00-00',
  '9999-12-31',
  '2016-02-30',
  '10000-01-01',
  '2016-13-01',
  '1899-12-31',
  '2016-2-3',
  '31/12/2016',
  '2016-02-29T25:61',
  '+002016-01-01',
  '-2016-01-01',
];
export const UNICODE = [
  '\u202Eevil\u202C',
  'a\u200Bb\u200D\u2060',
  '😀👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301\u0301',
  '\uD800',
  'x\uDC00y',
  '\uFEFF',
  'İıß',
  '\u0085\u2028\u2029',
  '　',
];
export const CONTROL = ['\u0000', 'a\u0000b', '\u0001\u0007\u001b[31m', '\r\n\r\n', '\t', '\u007f'];
/** Invalid UTF-8 a hand-made request can carry (an encoded surrogate, an overlong slash, 0xFF). */
export const RAW = ['%ED%A0%80', '%C0%AF', '%FF%FE', '%00', '%E2%80'];

const pick = (values: string[]) => fc.constantFrom(...values).map((text): Hostile => ({ text }));

/** 10 k to 1 M characters: beyond the column, beyond the 200 kB body limit. */
export const longText = fc
  .tuple(fc.integer({ min: 10_000, max: 1_000_000 }), fc.constantFrom('a', 'é', '😀', '<', "'"))
  .map(([n, c]): Hostile => ({ text: c.repeat(Math.ceil(n / c.length)) }));

export const hostileValue: fc.Arbitrary<Hostile> = fc.oneof(
  pick(SQL),
  pick(HTML),
  pick(NUMBERS),
  pick(DATES),
  pick(UNICODE),
  pick(CONTROL),
  fc.constantFrom(...RAW).map((text): Hostile => ({ text, raw: true })),
  longText,
  // Arbitrary strings over the whole Unicode range, lone surrogates included.
  fc.string({ unit: 'binary', maxLength: 40 }).map((text): Hostile => ({ text })),
  // Mixed: a hostile prefix in an otherwise plausible value.
  fc
    .tuple(pick([...HTML, ...CONTROL, ...SQL]), fc.string({ maxLength: 10 }))
    .map(([h, s]): Hostile => ({ text: s + h.text })),
);

/** How the value is sent: as the field, twice (an array), as a nested key (ignored: extended:false), or not at all. */
export type Shape = 'value' | 'repeated' | 'bracket' | 'missing' | 'empty';
export const shape: fc.Arbitrary<Shape> = fc.constantFrom(
  'value',
  'value',
  'value',
  'repeated',
  'bracket',
  'missing',
  'empty',
);

/**
 * Percent-encodes as a browser does: lone surrogates become U+FFFD (UTF-8 EF BF BD), every byte
 * but A–Z a–z 0–9 - _ . ~ is escaped. encodeURIComponent also leaves ! ' ( ) * as they are: they
 * are escaped after it. (A loop over the bytes building the string cost a third of this suite's
 * CPU: values run to a million characters, in every form.)
 */
export function encode(v: Hostile): string {
  if (v.raw) return v.text;
  return encodeURIComponent(Buffer.from(v.text, 'utf8').toString('utf8')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** What must never appear in a page: any of these means a payload was rendered as markup. */
export const MARKUP = [
  /<script>alert/i,
  /<img[^>]*onerror=/i,
  /<svg[^>]*onload=/i,
  /href="javascript:/i,
  /src="javascript:/i,
  /<a href="javascript/i,
];

export function markupIn(html: string): string | null {
  for (const re of MARKUP) {
    const m = html.match(re);
    if (m) return html.slice(Math.max(0, (m.index ?? 0) - 80), (m.index ?? 0) + 80);
  }
  return null;
}

/** A short, printable description of a value for failure messages. */
export const shown = (v: Hostile) =>
  JSON.stringify(v.text.length > 60 ? `${v.text.slice(0, 30)}…(${v.text.length} chars)` : v.text);
