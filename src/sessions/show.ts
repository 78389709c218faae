import type { Request, Response } from 'express';
import { currentUser } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import type { FieldErrors } from '../platform/forms';
import { carriedForwardItems, ownerChoices, sessionActionItems } from './action-queries';
import { listAttendees } from './attendees';
import { daysSummary } from './days-consumed';
import { hasStarted } from './lifecycle';
import { sessionPolicy } from './policy';
import { needsValidation, sessionDetails } from './queries';
import { ACTION_STATUSES } from './schemas';
import type { SessionRow } from './scope';
import { formatTime } from './time';

export type ActionFormState = { values: Record<string, unknown>; errors: FieldErrors };

/**
 * The session page, made to be read on a phone during or after the meeting: one column, what it
 * is, who is invited and came, the minutes, decisions and action items, with the open actions of
 * the same body carried forward from its earlier sessions.
 */
export async function renderSessionPage(
  deps: Deps,
  req: Request,
  res: Response,
  status: number,
  s: SessionRow,
  actionForm?: ActionFormState,
) {
  const { db } = deps;
  const user = currentUser(req);
  const record = sessionPolicy.seeRecord(user);
  const [details, everyone, actions, carried, owners, budget] = await Promise.all([
    sessionDetails(db, s),
    listAttendees(db, s.id),
    record ? sessionActionItems(db, s.id) : [],
    record ? carriedForwardItems(db, s) : [],
    record ? ownerChoices(db, s.accompaniment_id) : [],
    daysSummary(db, s.accompaniment_id),
  ]);
  // A reader without the record gets the counts, never the people nor who logged or validated.
  const attendees = record ? everyone : [];
  const closed = s.status === 'closed';
  const canLog = sessionPolicy.log(user, s);
  const toValidate = needsValidation(s);
  res.status(status).render('sessions/show', {
    title: s.title,
    session: s,
    details: record ? details : { ...details, logged_by_name: null, validated_by_name: null },
    attendees,
    counts: {
      invited: everyone.length,
      present: everyone.filter((a) => a.presence === 'present').length,
      excused: everyone.filter((a) => a.presence === 'excused').length,
      absent: everyone.filter((a) => a.presence === 'absent').length,
    },
    record,
    actions,
    carried,
    owners,
    budget,
    actionStatuses: ACTION_STATUSES,
    closed,
    toValidate,
    started: hasStarted(s),
    can: {
      edit: canLog && !closed,
      attendance: canLog && !closed,
      addAction: canLog && !closed,
      updateActions: canLog,
      validate: sessionPolicy.validate(user, s) && toValidate && !closed,
      close: sessionPolicy.close(user, s) && !closed,
      reopen: sessionPolicy.reopen(user, s) && closed,
      invite: canLog, // the same people log and invite (calendarPolicy.invite)
    },
    actionForm: actionForm ?? {
      values: { what: '', owner_name: '', owner_organisation_id: '', due_on: '' },
      errors: {},
    },
    fmtTime: (d: Date | null) => formatTime(req.locale, d),
  });
}

/**
 * A closed session's record is locked: every change is refused with a page that says why and
 * who can reopen it (rather than a bare "access refused").
 */
export function renderLocked(req: Request, res: Response, s: Pick<SessionRow, 'id' | 'title' | 'accompaniment_id'>) {
  return res.status(403).render('sessions/locked', { title: req.t('sessions.locked.title'), session: s });
}
