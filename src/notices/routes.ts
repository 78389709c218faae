import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';
import { noticesPolicy } from './policy';
import { deleteNotice } from './queries';
import { recordNotice } from './commands';
import { NOTICE_KINDS, noticeSchema } from './schemas';
import { caseUrl } from '../accompaniments/tabs';

/** Stakeholder notices: recorded from the accompaniment page, corrected by deleting. */
export function registerNotices(app: Express, deps: Deps) {
  const { write } = deps;

  const loadForManaging = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(noticesPolicy.manage(currentUser(req), acc));
    return acc;
  };

  // The add form lives on the accompaniment page; when it is refused it comes back on a page of
  // its own, with the messages next to the fields and everything typed kept.
  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    acc: { id: string; title: string },
    values: Record<string, unknown>,
    errors: FieldErrors,
  ) =>
    res.status(status).render('notices/form', {
      title: req.t('notices.new.title'),
      acc,
      kinds: NOTICE_KINDS,
      values,
      errors,
      formError: formErrorOf(req.t, errors),
    });

  app.get('/accompaniments/:id/notices/new', requireLogin, async (req, res) => {
    const acc = await loadForManaging(req);
    renderForm(
      req,
      res,
      200,
      acc,
      { kind: 'funders_informed', on_date: localToday(), recipients: '', content: '' },
      {},
    );
  });

  app.post('/accompaniments/:id/notices', requireLogin, async (req, res) => {
    const acc = await loadForManaging(req);
    const form = parseForm(noticeSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, 422, acc, postedForm(req), form.errors);
    try {
      await write(req, async (w) => {
        const id = await recordNotice(w.trx, acc.id, form.data, currentUser(req).id);
        await w.audit({
          action: 'notice.create',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: {
            notice_id: id,
            kind: form.data.kind,
            on_date: form.data.on_date,
            recipients: form.data.recipients,
          },
        });
      });
    } catch (err) {
      if (!(err instanceof DateRefused)) throw err;
      return renderForm(req, res, 422, acc, postedForm(req), dateRefusalError(req, err));
    }
    flash(req, 'success', req.t('notices.created'));
    res.redirect(caseUrl(acc.id, 'notices'));
  });

  app.post('/accompaniments/:id/notices/:noticeId/delete', requireLogin, async (req, res) => {
    const acc = await loadForManaging(req);
    const noticeId = req.params.noticeId;
    if (!isId(noticeId)) throw notFound();
    await write(req, async (w) => {
      const row = await deleteNotice(w.trx, acc.id, noticeId);
      if (!row) throw notFound();
      await w.audit({
        action: 'notice.delete',
        entityType: 'accompaniment',
        entityId: acc.id,
        details: { notice_id: noticeId, kind: row.kind, on_date: row.on_date, recipients: row.recipients },
      });
    });
    flash(req, 'success', req.t('notices.deleted'));
    res.redirect(caseUrl(acc.id, 'notices'));
  });
}
