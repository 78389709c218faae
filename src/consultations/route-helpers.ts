/** What the consultation routes share: small value helpers, loading the case (and a bid) for edit, refusals, the workspace page. */
import type { Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, isId } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import type { FieldErrors } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { ConsultationRefused } from './commands';
import { consultationPolicy } from './policy';
import { findBid } from './queries';
import { loadWorkspace } from './workspace';
import { caseUrl } from '../accompaniments/tabs';

export type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;

import { localToday } from '../platform/dates';
export const back = (acc: { id: string }) => caseUrl(acc.id, 'consultation');
export const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** A numeric column ('6.00') as a person would type it ('6'). */
export const plain = (v: string | null | undefined) =>
  v === null || v === undefined || v === '' ? '' : String(Number(v));

/** The case, loaded through the user's scope (404 outside it), and the user allowed to edit. */
export const loadForEdit = async (deps: Deps, req: Request) => {
  const acc = await loadAccompaniment(deps, req);
  authorize(consultationPolicy.edit(currentUser(req), acc));
  return acc;
};

export const loadBidForEdit = async (deps: Deps, req: Request) => {
  const acc = await loadForEdit(deps, req);
  if (!isId(req.params.bidId)) throw notFound();
  const bid = await findBid(deps.db, acc.id, req.params.bidId);
  if (!bid) throw notFound();
  return { acc, bid };
};

/** A refusal because of where the call stands: said on the case page, nothing changed. */
export const refused = (req: Request, res: Response, acc: Acc, err: unknown) => {
  if (!(err instanceof ConsultationRefused)) throw err;
  flash(req, 'error', req.t(err.reasonKey));
  res.redirect(back(acc));
};

/** The operator's full view of the call, with the forms; the 422 pages of the inline forms. */
export const renderWorkspace = async (
  { db }: Deps,
  req: Request,
  res: Response,
  acc: Acc,
  status = 200,
  extra: { errors?: FieldErrors; values?: Record<string, unknown>; formError?: string } = {},
) => {
  const ws = await loadWorkspace(db, acc, consultationPolicy.edit(currentUser(req), acc));
  res.status(status).render('consultations/show', {
    title: req.t('consultations.pageTitle', { title: acc.title }),
    acc,
    ws,
    today: localToday(),
    errors: extra.errors ?? {},
    values: extra.values ?? {},
    formError: extra.formError ?? null,
  });
};
