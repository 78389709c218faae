import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { forbidden } from '../platform/errors';
import { type FieldErrors, parseForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { createMeeting, createMember, editMeeting, editMember, overrideCommittee } from './commands';
import { committeeStatusOfCase } from './gate';
import { meetingEventsFrom } from './lifecycle';
import { supportCommitteePolicy as policy } from './policy';
import {
  findMember,
  listMeetings,
  listMembers,
  loadMeeting,
  type Meeting,
  meetingItems,
  meetingLog,
  memberChoices,
} from './queries';
import { meetingSchema, MEMBER_KINDS, memberSchema, overrideSchema } from './schemas';
import { seesCommittee } from './scope';
import { attempt, formView, M, meetingUrl, staffMeeting, type Values } from './route-helpers';
import { registerAgendaRoutes } from './agenda-routes';

/** The comité d'appui: members, meetings (their agenda, opinions, minutes: agenda-routes.ts), and the case's override. */
export function registerSupportCommittee(app: Express, deps: Deps) {
  const { db, write } = deps;

  // ---- Meetings list -------------------------------------------------------------------------
  app.get(M, requireLogin, async (req, res) => {
    const user = currentUser(req);
    if (!(await seesCommittee(db, user))) throw forbidden();
    const meetings = await listMeetings(db, user);
    res.render('support-committee/index', {
      title: req.t('supportCommittee.title'),
      meetings,
      canManage: policy.manageMembers(user),
      showOperator: new Set(meetings.map((m) => m.operator_id)).size > 1,
    });
  });

  // ---- Members -------------------------------------------------------------------------------
  const renderMembers = async (req: Request, res: Response, status: number, values: Values, errors: FieldErrors) =>
    formView(req, res, status, 'members', {
      title: req.t('supportCommittee.members.title'),
      members: await listMembers(db, currentUser(req).organisation_id),
      choices: await memberChoices(db),
      kinds: MEMBER_KINDS,
      values,
      errors,
    });

  const membersStaff = (req: Request) => {
    const user = currentUser(req);
    authorize(policy.manageMembers(user));
    return user;
  };

  app.get(`${M}/members`, requireLogin, async (req, res) => {
    membersStaff(req);
    await renderMembers(req, res, 200, { active: '1' }, {});
  });

  app.post(`${M}/members`, requireLogin, async (req, res) => {
    const user = membersStaff(req);
    const values = (req.body ?? {}) as Values;
    const parsed = parseForm(memberSchema, values, req.t);
    if (!parsed.ok) return renderMembers(req, res, 422, values, parsed.errors);
    const done = await attempt(
      req,
      () => write(req, (w) => createMember(w, user.organisation_id, parsed.data)),
      (errors) => renderMembers(req, res, 422, values, errors),
    );
    if (!done.ok) return;
    flash(req, 'success', req.t('supportCommittee.members.added', { name: parsed.data.name }));
    res.redirect(`${M}/members`);
  });

  const renderMember = async (
    req: Request,
    res: Response,
    status: number,
    memberId: string,
    values: Values,
    errors: FieldErrors,
  ) =>
    formView(req, res, status, 'member-form', {
      title: req.t('supportCommittee.members.editTitle'),
      memberId,
      choices: await memberChoices(db),
      kinds: MEMBER_KINDS,
      values,
      errors,
    });

  app.get(`${M}/members/:memberId/edit`, requireLogin, async (req, res) => {
    const user = membersStaff(req);
    const m = await findMember(db, user.organisation_id, req.params.memberId);
    const values = {
      ...m,
      email: m.email ?? '',
      organisation_id: m.organisation_id ?? '',
      active: m.active ? '1' : '',
    };
    await renderMember(req, res, 200, m.id, values, {});
  });

  app.post(`${M}/members/:memberId`, requireLogin, async (req, res) => {
    const user = membersStaff(req);
    const member = await findMember(db, user.organisation_id, req.params.memberId);
    const values = (req.body ?? {}) as Values;
    const parsed = parseForm(memberSchema, values, req.t);
    if (!parsed.ok) return renderMember(req, res, 422, member.id, values, parsed.errors);
    const done = await attempt(
      req,
      () => write(req, (w) => editMember(w, member, parsed.data)),
      (errors) => renderMember(req, res, 422, member.id, values, errors),
    );
    if (!done.ok) return;
    flash(req, 'success', req.t('supportCommittee.members.updated', { name: parsed.data.name }));
    res.redirect(`${M}/members`);
  });

  // ---- Meetings ------------------------------------------------------------------------------
  const renderMeetingForm = (
    req: Request,
    res: Response,
    status: number,
    meeting: Meeting | null,
    values: Values,
    errors: FieldErrors,
    formError?: string,
  ) =>
    formView(req, res, status, 'meeting-form', {
      title: req.t(meeting ? 'supportCommittee.meetings.editTitle' : 'supportCommittee.meetings.newTitle'),
      meeting,
      values,
      errors,
      formError,
    });

  app.get(`${M}/meetings/new`, requireLogin, (req, res) => {
    authorize(policy.manageMembers(currentUser(req)));
    return renderMeetingForm(req, res, 200, null, { meets_on: localToday(), location: '' }, {});
  });

  app.post(`${M}/meetings`, requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(policy.manageMembers(user));
    const parsed = parseForm(meetingSchema, req.body, req.t);
    if (!parsed.ok) return renderMeetingForm(req, res, 422, null, (req.body ?? {}) as Values, parsed.errors);
    const id = await write(req, (w) => createMeeting(w, user.organisation_id, parsed.data, user.id));
    flash(req, 'success', req.t('supportCommittee.meetings.created'));
    res.redirect(meetingUrl(id));
  });

  app.get(`${M}/meetings/:id`, requireLogin, async (req, res) => {
    const meeting = await loadMeeting(deps, req);
    const user = currentUser(req);
    const staff = policy.manage(user, meeting);
    res.render('support-committee/show', {
      title: req.t('supportCommittee.meetings.title', { date: meeting.meets_on }),
      meeting,
      items: await meetingItems(db, meeting.id),
      log: staff ? await meetingLog(db, meeting.id) : [],
      canManage: staff,
      seeRecord: policy.seeRecord(user, meeting),
      events: staff ? meetingEventsFrom(meeting.status) : [],
    });
  });

  app.get(`${M}/meetings/:id/print`, requireLogin, async (req, res) => {
    const meeting = await loadMeeting(deps, req);
    res.render('support-committee/print', {
      layout: false, // a page of its own, without the navigation: printed as it is
      title: req.t('supportCommittee.print.title'),
      meeting,
      items: await meetingItems(db, meeting.id),
      members: policy.manage(currentUser(req), meeting) ? await listMembers(db, meeting.operator_id) : [],
    });
  });

  app.get(`${M}/meetings/:id/edit`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(deps, req);
    const values = { meets_on: meeting.meets_on, location: meeting.location ?? '', lock_version: meeting.lock_version };
    renderMeetingForm(req, res, 200, meeting, values, {});
  });

  app.post(`${M}/meetings/:id`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(deps, req);
    const values = (req.body ?? {}) as Values;
    const again = (errors: FieldErrors, message?: string, status = 422) =>
      renderMeetingForm(req, res, status, meeting, values, errors, message);
    const parsed = parseForm(meetingSchema, values, req.t);
    if (!parsed.ok) return again(parsed.errors);
    const lock = postedLockVersion(values.lock_version);
    const done = await attempt(req, () => write(req, (w) => editMeeting(w, meeting, parsed.data, lock)), again);
    if (!done.ok) return;
    if (!done.value) return again({}, req.t('supportCommittee.meetings.conflict'), 409);
    flash(req, 'success', req.t('supportCommittee.meetings.updated'));
    res.redirect(meetingUrl(meeting.id));
  });

  registerAgendaRoutes(app, deps);

  // ---- The case's override of the gate --------------------------------------------------------
  const renderOverride = async (
    req: Request,
    res: Response,
    status: number,
    values: Values,
    errors: FieldErrors,
    formError?: string,
  ) => {
    const acc = await loadAccompaniment(deps, req);
    return formView(req, res, status, 'override', {
      title: req.t('supportCommittee.override.title'),
      acc,
      status: await committeeStatusOfCase(db, acc),
      values,
      errors,
      formError,
    });
  };

  app.get('/accompaniments/:id/committee-override/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(policy.override(currentUser(req), acc));
    await renderOverride(req, res, 200, { reason: '', decided_on: localToday() }, {});
  });

  app.post('/accompaniments/:id/committee-override', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(policy.override(user, acc));
    const values = (req.body ?? {}) as Values;
    const again = (errors: FieldErrors, message?: string) => renderOverride(req, res, 422, values, errors, message);
    const parsed = parseForm(overrideSchema, values, req.t);
    if (!parsed.ok) return again(parsed.errors);
    const done = await attempt(req, () => write(req, (w) => overrideCommittee(w, acc, parsed.data, user.id)), again);
    if (!done.ok) return;
    flash(req, 'success', req.t('supportCommittee.override.recorded'));
    res.redirect(`/accompaniments/${acc.id}`);
  });
}
