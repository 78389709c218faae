/** Who came to a session: the presences and a guest recorded at the attendance version the form showed. */
import type { MessageKey } from '../platform/i18n';
import type { WriteContext } from '../platform/write';
import { addGuest } from './attendees';
import type { SessionRef } from './commands';
import { hasStarted } from './lifecycle';
import { SETTABLE_PRESENCES } from './schemas';

export type Presence = (typeof SETTABLE_PRESENCES)[number];
export type PresenceChange = { id: string; name: string; from: string; to: Presence };

/** Nobody can have come to (or missed) a meeting that has not started; an excuse can come first. */
export const presenceRefusal = (to: Presence, s: { starts_at: Date | string }, now = new Date()): MessageKey | null =>
  (to === 'present' || to === 'absent') && !hasStarted(s, now) ? 'sessions.attendance.notStarted' : null;

/**
 * Records presences and a guest at the attendance version the form showed. The form posts every
 * invitee's presence, changed or not: a form opened before a colleague's save would put theirs
 * back, so a stale version writes nothing (false) but the conflict's audit entry.
 */
export async function recordAttendance(
  w: WriteContext,
  s: SessionRef,
  lockVersion: number,
  changes: PresenceChange[],
  guest: { name: string; organisation_name: string | null } | null,
) {
  const n = await w
    .trx('sessions')
    .where({ id: s.id, attendance_lock_version: lockVersion })
    .update({ attendance_lock_version: w.trx.raw('attendance_lock_version + 1') });
  if (n !== 1) {
    await w.audit({
      action: 'session.attendance_conflict',
      entityType: 'session',
      entityId: s.id,
      details: { accompaniment_id: s.accompaniment_id },
    });
    return false;
  }
  for (const c of changes)
    await w.trx('session_attendees').where({ id: c.id, session_id: s.id }).update({ presence: c.to });
  if (guest) await addGuest(w.trx, s.id, guest.name, guest.organisation_name);
  await w.audit({
    action: 'session.attendance',
    entityType: 'session',
    entityId: s.id,
    details: { accompaniment_id: s.accompaniment_id, changes, guest_added: guest },
  });
  return true;
}
