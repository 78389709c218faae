import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, parseForm, postedLockVersion, formErrorOf } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { addGuest, Attendee, attendanceMatrix, listAttendees } from './attendees';
import { sessionPolicy } from './policy';
import { guestSchema, SETTABLE_PRESENCES } from './schemas';
import { loadSession, SessionRow } from './scope';
import { renderLocked } from './show';
import { formatTime } from './time';

const started = (s: Pick<SessionRow, 'starts_at'>) => new Date(s.starts_at).getTime() <= Date.now();

/** Presence per invitee, and the "who came to what" view of a case. */
export function registerAttendanceRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  const renderForm = (req: Request, res: Response, status: number, s: SessionRow, attendees: Attendee[], values: Record<string, unknown>, errors: FieldErrors, formError?: string) =>
    res.status(status).render('sessions/attendance', {
      title: req.t('sessions.attendance.title'),
      session: s,
      attendees,
      presences: SETTABLE_PRESENCES,
      started: started(s),
      values,
      errors,
      formError: formErrorOf(req.t, errors, formError),
      fmtTime: (d: Date | null) => formatTime(req.locale, d),
    });

  const loadForRecording = async (req: Request) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.log(req.user!, s));
    return s;
  };

  app.get('/sessions/:id/attendance', requireLogin, async (req, res) => {
    const s = await loadForRecording(req);
    if (s.status === 'closed') return renderLocked(req, res, s);
    const attendees = await listAttendees(db, s.id);
    const values: Record<string, unknown> = { ...Object.fromEntries(attendees.map((a) => [`presence_${a.id}`, a.presence])), lock_version: s.attendance_lock_version };
    renderForm(req, res, 200, s, attendees, values, {});
  });

  app.post('/sessions/:id/attendance', requireLogin, async (req, res) => {
    const s = await loadForRecording(req);
    if (s.status === 'closed') return renderLocked(req, res, s);
    const attendees = await listAttendees(db, s.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errors: FieldErrors = {};
    const changes: { id: string; name: string; from: string; to: string }[] = [];
    for (const a of attendees) {
      const posted = body[`presence_${a.id}`];
      if (posted === undefined || posted === a.presence) continue;
      if (typeof posted !== 'string' || !(SETTABLE_PRESENCES as readonly string[]).includes(posted)) {
        errors[`presence_${a.id}`] = req.t('validation.choice');
      } else if ((posted === 'present' || posted === 'absent') && !started(s)) {
        // Nobody can have come (or missed) a meeting that has not started; an excuse can come first.
        errors[`presence_${a.id}`] = req.t('sessions.attendance.notStarted', { name: a.name });
      } else {
        changes.push({ id: a.id, name: a.name, from: a.presence, to: posted });
      }
    }
    const guest = parseForm(guestSchema, body, req.t);
    if (!guest.ok) Object.assign(errors, guest.errors);
    else if (!guest.data.guest_name && guest.data.guest_organisation) errors.guest_name = req.t('sessions.validation.guestName');
    if (Object.keys(errors).length) return renderForm(req, res, 422, s, attendees, body, errors);
    const newGuest = guest.ok && guest.data.guest_name ? { name: guest.data.guest_name, organisation_name: guest.data.guest_organisation } : null;
    if (!changes.length && !newGuest) {
      flash(req, 'info', req.t('sessions.attendance.nothing'));
      return res.redirect(`/sessions/${s.id}#attendance`);
    }
    // The form posts every invitee's presence, changed or not: a form opened before a colleague's
    // save would put theirs back. Optimistic locking on the session's attendance refuses that.
    const saved = await write(req, async (w) => {
      const n = await w
        .trx('sessions')
        .where({ id: s.id, attendance_lock_version: postedLockVersion(body.lock_version) })
        .update({ attendance_lock_version: w.trx.raw('attendance_lock_version + 1') });
      if (n !== 1) {
        await w.audit({ action: 'session.attendance_conflict', entityType: 'session', entityId: s.id, details: { accompaniment_id: s.accompaniment_id } });
        return false;
      }
      for (const c of changes) await w.trx('session_attendees').where({ id: c.id, session_id: s.id }).update({ presence: c.to });
      if (newGuest) await addGuest(w.trx, s.id, newGuest.name, newGuest.organisation_name);
      await w.audit({ action: 'session.attendance', entityType: 'session', entityId: s.id, details: { accompaniment_id: s.accompaniment_id, changes, guest_added: newGuest } });
      return true;
    });
    // The presences chosen are kept on the page, against the current version: saving again is a
    // deliberate overwrite.
    if (!saved) {
      const current = await db('sessions').where({ id: s.id }).first('attendance_lock_version');
      const values = { ...body, lock_version: current?.attendance_lock_version ?? 0 };
      return renderForm(req, res, 409, s, await listAttendees(db, s.id), values, {}, req.t('sessions.attendance.conflict'));
    }
    flash(req, 'success', req.t('sessions.attendance.saved'));
    res.redirect(`/sessions/${s.id}#attendance`);
  });

  app.get('/accompaniments/:id/attendance', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    // Who came, by name: not for a funder (sessionPolicy.seeRecord).
    authorize(sessionPolicy.seeRecord(req.user!));
    const matrix = await attendanceMatrix(db, acc.id);
    res.render('sessions/matrix', { title: req.t('sessions.matrix.title'), acc, ...matrix });
  });
}
