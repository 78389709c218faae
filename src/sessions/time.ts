import type { Locale } from '../platform/i18n';

/**
 * Sessions are typed and shown in Europe/Paris whatever the server's own time zone: a form gives
 * a calendar date and wall-clock times, the database keeps instants (timestamptz).
 */
export const SESSION_TZ = 'Europe/Paris';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SESSION_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Paris calendar fields (year … second) of an instant. */
export function wallClock(ms: number) {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** How far Paris is ahead of UTC at that instant, in milliseconds (1 h in winter, 2 h in summer). */
function offsetAt(ms: number) {
  const w = wallClock(ms);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant of a Paris date ('2016-02-12') and time ('09:30'). */
export function parisToInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  return new Date(second);
}

/** The Paris calendar date ('2016-02-12') and time ('09:30') of an instant. */
export function parisParts(value: Date | string): { date: string; time: string } {
  const w = wallClock(new Date(value).getTime());
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** A Paris time the way a reader of that language writes it: « 9 h 30 » in French, « 09:30 » in English. */
export function formatTime(locale: Locale, value: Date | string | null | undefined): string {
  if (!value) return '';
  const { time } = parisParts(value);
  if (locale === 'en') return time;
  const [h, m] = time.split(':');
  return `${Number(h)} h ${m}`;
}
