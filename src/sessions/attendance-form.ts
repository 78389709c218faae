/** The attendance form: posted presences (only the changed ones) and a guest, errors per field. */
import type { Request } from 'express';
import { FieldErrors, parseForm, postedForm } from '../platform/forms';
import { presenceRefusal, type Presence, type PresenceChange } from './attendance-commands';
import type { Attendee } from './attendees';
import { guestSchema, SETTABLE_PRESENCES } from './schemas';
import type { SessionRow } from './scope';

export type AttendanceForm =
  | { ok: false; errors: FieldErrors }
  | { ok: true; changes: PresenceChange[]; guest: { name: string; organisation_name: string | null } | null };

export function parseAttendance(req: Request, s: Pick<SessionRow, 'starts_at'>, attendees: Attendee[]): AttendanceForm {
  const body = postedForm(req);
  const errors: FieldErrors = {};
  const changes: PresenceChange[] = [];
  for (const a of attendees) {
    const posted = body[`presence_${a.id}`];
    if (posted === undefined || posted === a.presence) continue;
    if (typeof posted !== 'string' || !(SETTABLE_PRESENCES as readonly string[]).includes(posted)) {
      errors[`presence_${a.id}`] = req.t('validation.choice');
      continue;
    }
    const refusal = presenceRefusal(posted as Presence, s);
    if (refusal) errors[`presence_${a.id}`] = req.t(refusal, { name: a.name });
    else changes.push({ id: a.id, name: a.name, from: a.presence, to: posted as Presence });
  }
  const guest = parseForm(guestSchema, body, req.t);
  if (!guest.ok) Object.assign(errors, guest.errors);
  else if (!guest.data.guest_name && guest.data.guest_organisation)
    errors.guest_name = req.t('sessions.validation.guestName');
  if (Object.keys(errors).length || !guest.ok) return { ok: false, errors };
  return {
    ok: true,
    changes,
    guest: guest.data.guest_name
      ? { name: guest.data.guest_name, organisation_name: guest.data.guest_organisation }
      : null,
  };
}
