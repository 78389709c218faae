import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { Locale, translate } from '../platform/i18n';
import { SESSION_TZ, wallClock } from '../sessions/time';

/** Sessions happen in French offices: every event is written in Paris time, with its rules. */
export const CALENDAR_TZ = SESSION_TZ; // sessions are typed and shown in Paris time

/**
 * The Europe/Paris rules (EU summer time since 1996: last Sunday of March 02:00 → last Sunday
 * of October 03:00). A calendar reads the TZID of DTSTART against this block, so it must be in
 * every file; this is the definition Thunderbird and Outlook ship for the zone.
 */
const VTIMEZONE_PARIS = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** What an event needs of a session (a row of `sessions` with its accompaniment's title). */
export type CalendarSession = {
  id: string;
  title: string;
  accompaniment_title: string;
  starts_at: Date;
  ends_at: Date | null;
  place: string | null;
  video_url: string | null;
  agenda: string | null;
  lock_version: number;
  updated_at?: Date | null;
};

export type Person = { name: string; email: string };

const DEFAULT_LENGTH_MS = 2 * 3600_000;

/** A session without an end time is shown as lasting two hours. */
export function sessionEnd(s: Pick<CalendarSession, 'starts_at' | 'ends_at'>): Date {
  return s.ends_at ? new Date(s.ends_at) : new Date(new Date(s.starts_at).getTime() + DEFAULT_LENGTH_MS);
}

/** Stable per session, so that a new download, the feed and an invitation update the same event. */
export function sessionUid(id: string, baseUrl: string) {
  return `session-${id}@${new URL(baseUrl).hostname}`;
}

export function sessionUrl(id: string, baseUrl: string) {
  return `${baseUrl}/sessions/${id}`;
}

/**
 * ical-generator writes a TZID date-time from a Date's local fields. This Date carries the Paris
 * wall clock of the instant in its local fields, so the file is right whatever the process TZ.
 */
function parisWallClock(instant: Date): Date {
  const f = wallClock(instant.getTime());
  return new Date(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/** An empty VCALENDAR carrying the Paris VTIMEZONE for its events. */
export function buildCalendar(opts: {
  method: 'PUBLISH' | 'REQUEST';
  name?: string;
  ttlSeconds?: number;
}): ICalCalendar {
  const cal = ical({
    prodId: { company: 'Jalons', product: 'Jalons', language: 'FR' },
    method: opts.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone name: DTSTAMP stays in UTC as RFC 5545 wants; the generator still
    // adds the VTIMEZONE of every zone the events use.
    timezone: { name: null, generator: (tz) => (tz === CALENDAR_TZ ? VTIMEZONE_PARIS : null) },
  });
  if (opts.name) cal.name(opts.name);
  if (opts.ttlSeconds) cal.ttl(opts.ttlSeconds);
  cal.x('X-WR-TIMEZONE', CALENDAR_TZ);
  return cal;
}

type EventOptions = {
  baseUrl: string;
  locale: Locale;
  /** Link to the session page: only for people with a Jalons account. */
  link: boolean;
  organizer?: Person;
  attendee?: Person;
};

/** The event text: agenda, the video link when the place is a room, the page in Jalons. */
export function eventDescription(s: CalendarSession, o: EventOptions): string {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string>) => translate(o.locale, k, p);
  const blocks: string[] = [];
  if (s.agenda?.trim()) blocks.push(`${t('calendar.ics.agenda')}\n${s.agenda.trim().replace(/\r\n?/g, '\n')}`);
  if (s.place && s.video_url) blocks.push(t('calendar.ics.video', { url: s.video_url }));
  if (o.link) blocks.push(t('calendar.ics.page', { url: sessionUrl(s.id, o.baseUrl) }));
  return blocks.join('\n\n');
}

export function addSessionEvent(cal: ICalCalendar, s: CalendarSession, o: EventOptions) {
  const event = cal.createEvent({
    id: sessionUid(s.id, o.baseUrl),
    sequence: Number(s.lock_version) || 0,
    start: parisWallClock(new Date(s.starts_at)),
    end: parisWallClock(sessionEnd(s)),
    timezone: CALENDAR_TZ,
    summary: `${s.title} — ${s.accompaniment_title}`,
    location: s.place?.trim() || s.video_url?.trim() || null,
    description: eventDescription(s, o) || null,
    url: o.link ? sessionUrl(s.id, o.baseUrl) : null,
    status: ICalEventStatus.CONFIRMED,
  });
  if (s.updated_at) event.lastModified(new Date(s.updated_at));
  if (o.organizer) event.organizer({ name: o.organizer.name, email: o.organizer.email });
  if (o.attendee) {
    event.createAttendee({
      name: o.attendee.name,
      email: o.attendee.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: false,
    });
  }
  return event;
}

/** One session as a downloadable file. */
export function sessionIcs(s: CalendarSession, o: { baseUrl: string; locale: Locale }): string {
  const cal = buildCalendar({ method: 'PUBLISH' });
  addSessionEvent(cal, s, { ...o, link: true });
  return cal.toString();
}

/** A safe, readable file name: seance-2016-02-12-projet-politique.ics (ASCII only). */
export function icsFilename(s: Pick<CalendarSession, 'starts_at' | 'title'>): string {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: CALENDAR_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(s.starts_at));
  const slug = s.title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return `seance-${day}${slug ? `-${slug}` : ''}.ics`;
}

const dayFormats = {
  fr: new Intl.DateTimeFormat('fr-FR', {
    timeZone: CALENDAR_TZ,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: CALENDAR_TZ,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }),
};
const shortDayFormats = {
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: CALENDAR_TZ, day: 'numeric', month: 'long', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: CALENDAR_TZ, day: 'numeric', month: 'long', year: 'numeric' }),
};
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: CALENDAR_TZ,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** « vendredi 12 février 2016, de 14:00 à 17:00 (heure de Paris) », in Paris time whatever the server's zone. */
export function formatWhen(locale: Locale, s: Pick<CalendarSession, 'starts_at' | 'ends_at'>): string {
  const start = new Date(s.starts_at);
  return translate(locale, 'calendar.when', {
    date: dayFormats[locale].format(start),
    start: timeFormat.format(start),
    end: timeFormat.format(sessionEnd(s)),
  });
}

export function formatDay(locale: Locale, d: Date): string {
  return shortDayFormats[locale].format(new Date(d));
}
