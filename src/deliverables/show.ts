/** The deliverable's page and what its routes share: form state types, paths. */
import type { Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { exitOf, upToExit } from '../accompaniments/withdrawn';
import { currentUser } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import type { FieldErrors } from '../platform/forms';
import { ACCEPTED_LABEL, acceptAttribute } from '../platform/uploads';
import { deliverablePolicy } from './policy';
import {
  acceptedOn,
  DeliverableRow,
  hasFunderConsent,
  listActions,
  listComments,
  listConsents,
  listVersions,
  structuresOf,
} from './queries';
import { ACTION_STATUSES } from './schemas';
import { postedForm } from '../platform/forms';

export type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;
export type FormState = { values: Record<string, unknown>; errors: FieldErrors; formError?: string | null };
export type ShowForms = Partial<Record<'upload' | 'review' | 'consent' | 'action', FormState>>;

export const page = (d: { id: string }) => `/deliverables/${d.id}`;
export const body = (req: Request) => postedForm(req);

/** The deliverable's page, with the forms the user may use; the 422 pages of those forms. */
export const renderShow = async (
  { db, config }: Deps,
  req: Request,
  res: Response,
  status: number,
  d: DeliverableRow,
  acc: Acc,
  forms: ShowForms = {},
) => {
  const user = currentUser(req);
  const content = deliverablePolicy.seeContent(user, acc);
  const consented = await hasFunderConsent(db, d.id);
  const structures = await structuresOf(db, acc.id);
  const recordConsent = deliverablePolicy.recordConsent(user, acc);
  // A structure that left the case sees the deliverable as it stood on its exit day (accompaniments/withdrawn.ts).
  const exit = await exitOf(db, user, acc.id);
  res.status(status).render('deliverables/show', {
    title: d.title,
    d,
    acc,
    versions: upToExit(exit, await listVersions(db, d.id), (v) => v.submitted_on),
    acceptedOn: d.status === 'accepted' ? await acceptedOn(db, d.id) : null,
    comments: content ? upToExit(exit, await listComments(db, d.id), (c) => c.decided_on) : null,
    consents: await listConsents(db, d.id),
    actions: d.type === 'action_plan' && content ? await listActions(db, d.id) : null,
    structures,
    consentStructures: recordConsent ? structures.filter((s) => deliverablePolicy.consentFor(user, acc, s.id)) : [],
    actionStatuses: ACTION_STATUSES,
    canDownload: deliverablePolicy.download(user, acc, consented),
    consented,
    can: {
      upload: deliverablePolicy.upload(user, acc, d),
      submit: deliverablePolicy.submit(user, acc, d),
      review: deliverablePolicy.review(user, acc) && d.status === 'submitted',
      consent: recordConsent,
      actions: deliverablePolicy.manageActions(user, acc, d),
    },
    upload: { types: ACCEPTED_LABEL, accept: acceptAttribute(), maxMb: config.uploadMaxMb },
    today: localToday(),
    signatory: user.role === 'beneficiary' ? user.name : '',
    forms,
  });
};
