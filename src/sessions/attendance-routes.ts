import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { FieldErrors, formErrorOf, postedForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { parseAttendance } from './attendance-form';
import { Attendee, attendanceMatrix, listAttendees } from './attendees';
import { recordAttendance } from './attendance-commands';
import { hasStarted } from './lifecycle';
import { sessionPolicy } from './policy';
import { sessionVersions } from './queries';
import { SETTABLE_PRESENCES } from './schemas';
import { loadSession, SessionRow } from './scope';
import { renderLocked } from './show';
import { formatTime } from './time';

/** Presence per invitee, and the "who came to what" view of a case. */
export function registerAttendanceRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    s: SessionRow,
    attendees: Attendee[],
    values: Record<string, unknown>,
    errors: FieldErrors,
    formError?: string,
  ) =>
    res.status(status).render('sessions/attendance', {
      title: req.t('sessions.attendance.title'),
      session: s,
      attendees,
      presences: SETTABLE_PRESENCES,
      started: hasStarted(s),
      values,
      errors,
      formError: formErrorOf(req.t, errors, formError),
      fmtTime: (d: Date | null) => formatTime(req.locale, d),
    });

  const loadForRecording = async (req: Request) => {
    const s = await loadSession(deps, req);
    authorize(sessionPolicy.log(currentUser(req), s));
    return s;
  };

  app.get('/sessions/:id/attendance', requireLogin, async (req, res) => {
    const s = await loadForRecording(req);
    if (s.status === 'closed') return renderLocked(req, res, s);
    const attendees = await listAttendees(db, s.id);
    const values: Record<string, unknown> = {
      ...Object.fromEntries(attendees.map((a) => [`presence_${a.id}`, a.presence])),
      lock_version: s.attendance_lock_version,
    };
    renderForm(req, res, 200, s, attendees, values, {});
  });

  app.post('/sessions/:id/attendance', requireLogin, async (req, res) => {
    const s = await loadForRecording(req);
    if (s.status === 'closed') return renderLocked(req, res, s);
    const attendees = await listAttendees(db, s.id);
    const body = postedForm(req);
    const form = parseAttendance(req, s, attendees);
    if (!form.ok) return renderForm(req, res, 422, s, attendees, body, form.errors);
    if (!form.changes.length && !form.guest) {
      flash(req, 'info', req.t('sessions.attendance.nothing'));
      return res.redirect(`/sessions/${s.id}#attendance`);
    }
    const lockVersion = postedLockVersion(body.lock_version);
    const saved = await write(req, (w) => recordAttendance(w, s, lockVersion, form.changes, form.guest));
    // Someone saved in between: the presences chosen stay on the page, against the current
    // version, so saving again is a deliberate overwrite.
    if (!saved) {
      const values = { ...body, lock_version: (await sessionVersions(db, s.id))?.attendance_lock_version ?? 0 };
      const current = await listAttendees(db, s.id);
      return renderForm(req, res, 409, s, current, values, {}, req.t('sessions.attendance.conflict'));
    }
    flash(req, 'success', req.t('sessions.attendance.saved'));
    res.redirect(`/sessions/${s.id}#attendance`);
  });

  app.get('/accompaniments/:id/attendance', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    // Who came, by name: not for a funder (sessionPolicy.seeRecord).
    authorize(sessionPolicy.seeRecord(currentUser(req)));
    const matrix = await attendanceMatrix(db, acc.id, currentUser(req));
    res.render('sessions/matrix', { title: req.t('sessions.matrix.title'), acc, ...matrix });
  });
}
