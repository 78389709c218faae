import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { type FieldErrors, parseForm } from '../platform/forms';
import { flash } from '../platform/views';
import { addItem, CommitteeRefused, moveMeeting, recordOpinion, removeItem, saveMinutes } from './commands';
import { OPINIONS } from './gate';
import { meetingEventsFrom } from './lifecycle';
import { findItem, itemChoices, type Meeting } from './queries';
import { ITEM_SUBJECTS, itemSchema, meetingTransitionSchema, minutesSchema, opinionSchema } from './schemas';
import { attempt, formView, M, meetingUrl, staffMeeting, type Values } from './route-helpers';

/** A meeting held or cancelled, its agenda, the opinions given on its items and its minutes. */
export function registerAgendaRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

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
    formView(req, res, status, 'transition', {
      title: req.t('supportCommittee.transition.title'),
      meeting,
      event: meetingEventsFrom(meeting.status).find((e) => e === values.event) ?? null,
      values,
      errors,
      formError,
    });

  app.get(`${M}/meetings/:id/transitions/new`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(deps, req);
    renderTransition(req, res, 200, meeting, { event: req.query.event, happened_on: localToday(), reason: '' }, {});
  });

  app.post(`${M}/meetings/:id/transitions`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(deps, req);
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
    formView(req, res, status, 'item-form', {
      title: req.t('supportCommittee.items.newTitle'),
      meeting,
      choices: await itemChoices(db, meeting.operator_id),
      subjects: ITEM_SUBJECTS,
      values,
      errors,
      formError,
    });

  app.get(`${M}/meetings/:id/items/new`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(deps, req);
    await renderItemForm(req, res, 200, meeting, { subject: 'diagnostic', pathway_id: req.query.pathway ?? '' }, {});
  });

  app.post(`${M}/meetings/:id/items`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(deps, req);
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
    const meeting = await staffMeeting(deps, req);
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
    formView(req, res, status, 'opinion', {
      title: req.t('supportCommittee.opinion.title'),
      meeting,
      item: await findItem(db, meeting.id, itemId),
      opinions: OPINIONS,
      values,
      errors,
      formError,
    });

  app.get(`${M}/meetings/:id/items/:itemId/opinion`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(deps, req);
    const item = await findItem(db, meeting.id, req.params.itemId);
    const values = {
      opinion: item.opinion ?? '',
      opinion_comment: item.opinion_comment ?? '',
      opinion_on: item.opinion_on ?? (meeting.meets_on <= localToday() ? meeting.meets_on : localToday()),
    };
    await renderOpinion(req, res, 200, meeting, item.id, values, {});
  });

  app.post(`${M}/meetings/:id/items/:itemId/opinion`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(deps, req);
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
    formView(req, res, status, 'minutes', {
      title: req.t('supportCommittee.minutes.title'),
      meeting,
      values,
      errors,
      formError,
    });

  app.get(`${M}/meetings/:id/minutes/edit`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(deps, req);
    renderMinutes(req, res, 200, meeting, { minutes: meeting.minutes ?? '' }, {});
  });

  app.post(`${M}/meetings/:id/minutes`, requireLogin, async (req, res) => {
    const meeting = await staffMeeting(deps, req);
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
}
