import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { dateRefusalError, DateRefused, localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { forbidden } from '../platform/errors';
import { type FieldErrors, formErrorOf, parseForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import {
  addItem,
  CommitteeRefused,
  createMeeting,
  createMember,
  editMeeting,
  editMember,
  moveMeeting,
  overrideCommittee,
  recordOpinion,
  removeItem,
  saveMinutes,
} from './commands';
import { committeeStatusOfCase, OPINIONS } from './gate';
import { meetingEventsFrom, MeetingTransitionRefused } from './lifecycle';
import { supportCommitteePolicy as policy } from './policy';
import {
  findItem,
  findMember,
  itemChoices,
  listMeetings,
  listMembers,
  loadMeeting,
  type Meeting,
  meetingItems,
  meetingLog,
  memberChoices,
} from './queries';
import {
  ITEM_SUBJECTS,
  itemSchema,
  meetingSchema,
  meetingTransitionSchema,
  MEMBER_KINDS,
  memberSchema,
  minutesSchema,
  opinionSchema,
  overrideSchema,
} from './schemas';
import { seesCommittee } from './scope';

type Values = Record<string, unknown>;
const M = '/support-committee';
const meetingUrl = (id: string) => `${M}/meetings/${id}`;

/**
 * What a refused command says: a date next to its field, a rule next to its field or over the form.
 * Anything else is not a refusal.
 */
function refusalOf(req: Request, err: unknown): { errors: FieldErrors; message: string } | null {
  if (err instanceof DateRefused) return { errors: dateRefusalError(req, err), message: req.t('form.hasErrors') };
  if (err instanceof MeetingTransitionRefused) {
    const field = err.reasonKey === 'supportCommittee.transition.reasonRequired' ? 'reason' : null;
    return { errors: field ? { [field]: req.t(err.reasonKey) } : {}, message: req.t(err.reasonKey) };
  }
  if (err instanceof CommitteeRefused)
    return err.field
      ? { errors: { [err.field]: req.t(err.key) }, message: req.t('form.hasErrors') }
      : { errors: {}, message: req.t(err.key) };
  return null;
}

/** The comité d'appui: members, meetings and their agenda, opinions, minutes, and the case's override. */
export function registerSupportCommittee(app: Express, deps: Deps) {
  const { db, write } = deps;

  /** Runs a command; a refusal renders the form again (422, input kept), anything else propagates. */
  const attempt = async <T>(req: Request, run: () => Promise<T>, again: (e: FieldErrors, m: string) => unknown) => {
    try {
      return { ok: true as const, value: await run() };
    } catch (err) {
      const refusal = refusalOf(req, err);
      if (!refusal) throw err;
      await again(refusal.errors, refusal.message);
      return { ok: false as const };
    }
  };

  const staffMeeting = async (req: Request) => {
    const meeting = await loadMeeting(deps, req);
    authorize(policy.manage(currentUser(req), meeting));
    return meeting;
  };

  const form = (req: Request, res: Response, status: number, view: string, locals: Values) =>
    res.status(status).render(`support-committee/${view}`, {
      errors: {},
      ...locals,
      formError: formErrorOf(req.t, (locals.errors as FieldErrors) ?? {}, locals.formError as string | undefined),
    });

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
    form(req, res, status, 'members', {
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
    form(req, res, status, 'member-form', {
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
    form(req, res, status, 'meeting-form', {
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
    const meeting = await staffMeeting(req);
    const values = { meets_on: meeting.meets_on, location: meeting.location ?? '', lock_version: meeting.lock_version };
    renderMeetingForm(req, res, 200, meeting, values, {});
  });

  app.post(`${M}/meetings/:id`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(req);
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

  // ---- Holding or cancelling a meeting --------------------------------------------------------
  const renderTransition = (
    req: Request,
    res: Response,
    status: number,
    meeting: Meeting,
    values: Values,
    errors: FieldErrors,
    formError?: string,
  ) =>
    form(req, res, status, 'transition', {
      title: req.t('supportCommittee.transition.title'),
      meeting,
      event: meetingEventsFrom(meeting.status).find((e) => e === values.event) ?? null,
      values,
      errors,
      formError,
    });

  app.get(`${M}/meetings/:id/transitions/new`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(req);
    renderTransition(req, res, 200, meeting, { event: req.query.event, happened_on: localToday(), reason: '' }, {});
  });

  app.post(`${M}/meetings/:id/transitions`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(req);
    const values = (req.body ?? {}) as Values;
    const again = (errors: FieldErrors, message?: string) =>
      renderTransition(req, res, 422, meeting, values, errors, message);
    const parsed = parseForm(meetingTransitionSchema, values, req.t);
    if (!parsed.ok) return again(parsed.errors);
    const user = currentUser(req);
    const done = await attempt(req, () => write(req, (w) => moveMeeting(w, meeting, parsed.data, user.id)), again);
    if (!done.ok) return;
    flash(req, 'success', req.t(`supportCommittee.transition.done.${parsed.data.event}`));
    res.redirect(meetingUrl(meeting.id));
  });

  // ---- Agenda --------------------------------------------------------------------------------
  const renderItemForm = async (
    req: Request,
    res: Response,
    status: number,
    meeting: Meeting,
    values: Values,
    errors: FieldErrors,
    formError?: string,
  ) =>
    form(req, res, status, 'item-form', {
      title: req.t('supportCommittee.items.newTitle'),
      meeting,
      choices: await itemChoices(db, meeting.operator_id),
      subjects: ITEM_SUBJECTS,
      values,
      errors,
      formError,
    });

  app.get(`${M}/meetings/:id/items/new`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(req);
    await renderItemForm(req, res, 200, meeting, { subject: 'diagnostic', pathway_id: req.query.pathway ?? '' }, {});
  });

  app.post(`${M}/meetings/:id/items`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(req);
    const values = (req.body ?? {}) as Values;
    const again = (errors: FieldErrors, message?: string) =>
      renderItemForm(req, res, 422, meeting, values, errors, message);
    const parsed = parseForm(itemSchema, values, req.t);
    if (!parsed.ok) return again(parsed.errors);
    const done = await attempt(req, () => write(req, (w) => addItem(w, meeting, parsed.data)), again);
    if (!done.ok) return;
    flash(req, 'success', req.t('supportCommittee.items.added'));
    res.redirect(`${meetingUrl(meeting.id)}#agenda`);
  });

  app.post(`${M}/meetings/:id/items/:itemId/delete`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(req);
    const item = await findItem(db, meeting.id, req.params.itemId);
    try {
      await write(req, (w) => removeItem(w, meeting, item));
      flash(req, 'success', req.t('supportCommittee.items.removed'));
    } catch (err) {
      if (!(err instanceof CommitteeRefused)) throw err;
      flash(req, 'error', req.t(err.key));
    }
    res.redirect(`${meetingUrl(meeting.id)}#agenda`);
  });

  // ---- Opinions and minutes ------------------------------------------------------------------
  const renderOpinion = async (
    req: Request,
    res: Response,
    status: number,
    meeting: Meeting,
    itemId: string,
    values: Values,
    errors: FieldErrors,
    formError?: string,
  ) =>
    form(req, res, status, 'opinion', {
      title: req.t('supportCommittee.opinion.title'),
      meeting,
      item: await findItem(db, meeting.id, itemId),
      opinions: OPINIONS,
      values,
      errors,
      formError,
    });

  app.get(`${M}/meetings/:id/items/:itemId/opinion`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(req);
    const item = await findItem(db, meeting.id, req.params.itemId);
    const values = {
      opinion: item.opinion ?? '',
      opinion_comment: item.opinion_comment ?? '',
      opinion_on: item.opinion_on ?? (meeting.meets_on <= localToday() ? meeting.meets_on : localToday()),
    };
    await renderOpinion(req, res, 200, meeting, item.id, values, {});
  });

  app.post(`${M}/meetings/:id/items/:itemId/opinion`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(req);
    const item = await findItem(db, meeting.id, req.params.itemId);
    const values = (req.body ?? {}) as Values;
    const again = (errors: FieldErrors, message?: string) =>
      renderOpinion(req, res, 422, meeting, item.id, values, errors, message);
    const parsed = parseForm(opinionSchema, values, req.t);
    if (!parsed.ok) return again(parsed.errors);
    const user = currentUser(req);
    const done = await attempt(
      req,
      () => write(req, (w) => recordOpinion(w, meeting, item, parsed.data, user.id)),
      again,
    );
    if (!done.ok) return;
    flash(req, 'success', req.t('supportCommittee.opinion.recorded', { name: item.structure_name }));
    res.redirect(`${meetingUrl(meeting.id)}#item-${item.id}`);
  });

  const renderMinutes = (
    req: Request,
    res: Response,
    status: number,
    meeting: Meeting,
    values: Values,
    errors: FieldErrors,
    formError?: string,
  ) =>
    form(req, res, status, 'minutes', {
      title: req.t('supportCommittee.minutes.title'),
      meeting,
      values,
      errors,
      formError,
    });

  app.get(`${M}/meetings/:id/minutes/edit`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(req);
    renderMinutes(req, res, 200, meeting, { minutes: meeting.minutes ?? '' }, {});
  });

  app.post(`${M}/meetings/:id/minutes`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(req);
    const values = (req.body ?? {}) as Values;
    const again = (errors: FieldErrors, message?: string) =>
      renderMinutes(req, res, 422, meeting, values, errors, message);
    const parsed = parseForm(minutesSchema, values, req.t);
    if (!parsed.ok) return again(parsed.errors);
    const done = await attempt(req, () => write(req, (w) => saveMinutes(w, meeting, parsed.data.minutes)), again);
    if (!done.ok) return;
    flash(req, 'success', req.t('supportCommittee.minutes.saved'));
    res.redirect(`${meetingUrl(meeting.id)}#minutes`);
  });

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
    return form(req, res, status, 'override', {
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
