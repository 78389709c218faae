import fs from 'node:fs';
import path from 'node:path';

/**
 * "Today" is the office's day (Europe/Paris): `localToday()` of src/platform/dates.ts. Cutting the
 * ISO string of the current instant to ten characters gives the UTC day instead, which is
 * yesterday between midnight and 1 or 2 am in France. This test fails if that pattern comes back
 * anywhere in src/ or views/. It is precise on purpose: the ISO string of a date built at UTC
 * midnight from a calendar date (isCalendarDate in dates.ts) is not "today" and is allowed.
 */

const ROOT = path.resolve(__dirname, '../..');

function filesUnder(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(rel, ext);
    return ext.test(e.name) ? [rel] : [];
  });
}

// The current instant: new Date(), new Date(Date.now()), or a variable named for it (now, today…).
const NOW = String.raw`(?:new\s+Date\(\s*(?:Date\.now\(\)\s*)?\)|\b(?:now|today|todayDate|currentDate)\b)`;
// Its ISO text cut to the day: .slice(0, 10), .substring(0, 10), .substr(0, 10), .split('T')[0].
const ISO = String.raw`\s*\.\s*(?:toISOString|toJSON)\(\s*\)`;
const CUT = String.raw`\s*\.\s*(?:(?:slice|substring|substr)\(\s*0\s*,\s*10\s*\)|split\(\s*['"\x60]T['"\x60]\s*\)\s*\[\s*0\s*\])`;
const UTC_TODAY = new RegExp(NOW + ISO + CUT);

function offences(file: string): string[] {
  return fs
    .readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .flatMap((line, i) => (UTC_TODAY.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

describe('today is the office’s day, never the UTC one', () => {
  it('recognises the UTC "today" patterns (the check is not vacuous)', () => {
    for (const bad of [
      'const d = new Date().toISOString().slice(0, 10);',
      "const d = new Date(Date.now()).toISOString().split('T')[0];",
      'return now.toISOString().substring(0, 10);',
      'max: new Date().toJSON().slice(0,10)',
    ]) {
      expect(UTC_TODAY.test(bad)).toBe(true);
    }
    for (const fine of [
      'd.toISOString().slice(0, 10) === v', // a date built at UTC midnight from 'YYYY-MM-DD'
      'createdAt: now.toISOString(),', // an instant, kept whole
      'const today = localToday();',
    ]) {
      expect(UTC_TODAY.test(fine)).toBe(false);
    }
  });

  it('no source file or view takes today as the UTC date (use localToday() of platform/dates.ts)', () => {
    const files = [...filesUnder('src', /\.ts$/), ...filesUnder('views', /\.ejs$/)];
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(offences)).toEqual([]);
  });

  it('nor do the seeds or the tests (a test expecting the UTC day fails between midnight and 2 am)', () => {
    // This file's own examples are the patterns; the bench's anchor is its BENCH_TODAY default.
    const mine = path.relative(ROOT, __filename);
    const files = [...filesUnder('seeds', /\.ts$/), ...filesUnder('test', /\.ts$/)].filter(
      (f) => f !== mine && f !== path.join('test', 'bench', 'main.ts'),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(offences)).toEqual([]);
  });
});
