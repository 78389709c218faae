import ICAL from 'ical.js';

/**
 * Reads an iCalendar text with ical.js (Mozilla's parser, the one behind Thunderbird's
 * calendar): a TZID is resolved against the VTIMEZONE the file carries, as a client would.
 */
export function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { calendar, events };
}

export type MimePart = { contentType: string; body: string };

/** The leaf parts of a raw e-mail (multipart walked, quoted-printable and base64 decoded). */
export function mimeParts(raw: string): MimePart[] {
  const split = raw.indexOf('\r\n\r\n');
  const head = (split < 0 ? raw : raw.slice(0, split)).replace(/\r\n[ \t]+/g, ' ');
  let body = split < 0 ? '' : raw.slice(split + 4);
  const header = (name: string) => head.match(new RegExp(`^${name}:[ \\t]*(.*)$`, 'im'))?.[1] ?? '';
  const contentType = header('Content-Type') || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    const chunks = body.split(`--${boundary}`);
    return chunks
      .slice(1)
      .filter((c) => !c.startsWith('--'))
      .flatMap((c) => mimeParts(c.replace(/^\r\n/, '')));
  }
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  // Text parts travel with CRLF line ends; an iCalendar part keeps them (RFC 5545 wants CRLF).
  const text = /^text\/calendar/i.test(contentType) ? body : body.replace(/\r\n/g, '\n');
  return [{ contentType, body: text.replace(/\r?\n$/, '') }];
}

/** The decoded Subject header of a raw e-mail. */
export function subjectOf(raw: string): string {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const qp = (s: string) =>
    Buffer.from(
      s.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return (head.match(/^Subject:[ \t]*(.*)$/im)?.[1] ?? '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );
}
