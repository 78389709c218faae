import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { localToday } from '../platform/dates';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { DOCX_TYPE } from '../platform/docx';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { authorize } from '../platform/policy';
import { findDocument } from '../documents/store';
import { sendDocument } from '../documents/routes';
import { flash } from '../platform/views';
import { buildReportContent } from './content';
import { renderReportDocx } from './docx';
import { renderReportPdf } from './pdf';
import { memoPdf } from '../platform/pdf/memo';
import { reportPolicy } from './policy';
import { createReport, saveDraft } from './commands';
import { isFrozen, ReportRefused } from './lifecycle';
import { listDeliveries, listReports, loadReport, type ReportRow } from './queries';
import { MILESTONES, reportSchema } from './schemas';
import { refuseFrozen } from './frozen';
import { builtTitle } from './title';
import { registerReportSendRoutes } from './send-routes';
import { registerReportNotifyRoutes } from './notify-routes';

type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;

/**
 * Progress reports: the coordinator writes a draft (a milestone, three texts), previews it as
 * HTML or PDF with every figure read from the record, then sends it (send-routes.ts).
 */
export function registerProgressReports(app: Express, deps: Deps) {
  const { db, write } = deps;

  const loadForManaging = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(reportPolicy.manage(currentUser(req), acc));
    return acc;
  };

  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    acc: Acc,
    values: Record<string, unknown>,
    errors: FieldErrors,
    report?: ReportRow,
    formError?: string,
  ) =>
    res.status(status).render('progress-reports/form', {
      title: req.t(report ? 'progressReports.edit.title' : 'progressReports.new.title'),
      acc,
      report: report ?? null,
      milestones: MILESTONES,
      values,
      errors,
      formError: formErrorOf(req.t, errors, formError),
    });

  app.get('/accompaniments/:id/reports', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(reportPolicy.read(user, acc));
    res.render('progress-reports/index', {
      title: req.t('progressReports.listTitle', { title: acc.title }),
      acc,
      reports: await listReports(db, user, acc.id),
      canManage: reportPolicy.manage(user, acc),
      seeDelivery: reportPolicy.seeDelivery(user, acc),
    });
  });

  app.get('/accompaniments/:id/reports/new', requireLogin, async (req, res) => {
    const acc = await loadForManaging(req);
    const today = localToday();
    const milestone = 'on_demand';
    // The built title is offered; left as is, it follows the milestone and the date saved (title.ts).
    const title = builtTitle(milestone, today);
    renderForm(
      req,
      res,
      200,
      acc,
      { milestone, title, proposed_title: title, period_end: today, next_steps: '', risks: '', comment: '' },
      {},
    );
  });

  app.post('/accompaniments/:id/reports', requireLogin, async (req, res) => {
    const acc = await loadForManaging(req);
    const form = parseForm(reportSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, 422, acc, postedForm(req), form.errors);
    const id = await write(req, (w) => createReport(w, acc.id, form.data, currentUser(req).id));
    flash(req, 'success', req.t('progressReports.created'));
    res.redirect(`/reports/${id}`);
  });

  app.get('/reports/:id', requireLogin, async (req, res) => {
    const { report, acc } = await loadReport(deps, req);
    const user = currentUser(req);
    authorize(reportPolicy.read(user, acc));
    const seeDelivery = reportPolicy.seeDelivery(user, acc);
    res.render('progress-reports/show', {
      title: report.title,
      acc,
      report,
      // A sent report shows what was sent (its snapshot), never the record as it is today.
      content:
        isFrozen(report) && report.content ? report.content : await buildReportContent(db, acc, report.period_end),
      deliveries: seeDelivery && isFrozen(report) ? await listDeliveries(db, [report.id]) : [],
      canManage: reportPolicy.manage(user, acc),
      seeDelivery,
    });
  });

  app.get('/reports/:id/edit', requireLogin, async (req, res) => {
    const { report, acc } = await loadReport(deps, req);
    authorize(reportPolicy.manage(currentUser(req), acc));
    if (isFrozen(report)) return refuseFrozen(req, res, report);
    renderForm(
      req,
      res,
      200,
      acc,
      { ...report, proposed_title: builtTitle(report.milestone, report.period_end) },
      {},
      report,
    );
  });

  app.post('/reports/:id', requireLogin, async (req, res) => {
    const { report, acc } = await loadReport(deps, req);
    authorize(reportPolicy.manage(currentUser(req), acc));
    if (isFrozen(report)) return refuseFrozen(req, res, report);
    const form = parseForm(reportSchema, req.body, req.t);
    const posted = { ...postedForm(req), lock_version: postedForm(req).lock_version ?? report.lock_version };
    if (!form.ok) return renderForm(req, res, 422, acc, posted, form.errors, report);
    const lockVersion = postedLockVersion(postedForm(req).lock_version);
    try {
      await write(req, (w) => saveDraft(w, report, lockVersion, form.data));
    } catch (err) {
      if (!(err instanceof ReportRefused)) throw err;
      const { report: current } = await loadReport(deps, req);
      if (isFrozen(current)) return refuseFrozen(req, res, current);
      return renderForm(
        req,
        res,
        409,
        acc,
        { ...postedForm(req), lock_version: current.lock_version },
        {},
        current,
        req.t('progressReports.conflict'),
      );
    }
    flash(req, 'success', req.t('progressReports.saved'));
    res.redirect(`/reports/${report.id}`);
  });

  // A draft is drawn on the fly and marked as such; a sent report is its stored bytes, unchanged.
  app.get('/reports/:id/pdf', requireLogin, async (req, res) => {
    const { report, acc } = await loadReport(deps, req);
    authorize(reportPolicy.read(currentUser(req), acc));
    if (isFrozen(report)) {
      const doc = report.document_id ? await findDocument(db, report.document_id) : undefined;
      if (!doc) throw notFound();
      return sendDocument(req, res, deps, doc);
    }
    const content = await buildReportContent(db, acc, report.period_end);
    const text = {
      title: report.title,
      milestone: report.milestone,
      next_steps: report.next_steps,
      risks: report.risks,
      comment: report.comment,
    };
    // Drawn again only when the record or the text changed (src/platform/pdf/memo.ts).
    const pdf = await memoPdf('progress-report-draft', { content, text }, () =>
      renderReportPdf(content, text, { draft: true }),
    );
    res.set({
      'Content-Type': 'application/pdf',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.attachment(req.t('progressReports.pdf.filename', { id: report.id }));
    res.send(pdf);
  });

  // The same report as a Word document, for the coordinator to finish: same scope and policy as the
  // PDF; a sent report from the content it was sent with, a draft as of its day and marked as a draft.
  app.get('/reports/:id/docx', requireLogin, async (req, res) => {
    const { report, acc } = await loadReport(deps, req);
    authorize(reportPolicy.read(currentUser(req), acc));
    const sent = isFrozen(report);
    const content = (sent && report.content) || (await buildReportContent(db, acc, report.period_end));
    const docx = await renderReportDocx(content, report, { draft: !sent });
    res.set({ 'Content-Type': DOCX_TYPE, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
    res.attachment(req.t('progressReports.docx.filename', { id: report.id }));
    res.send(docx);
  });

  registerReportSendRoutes(app, deps);
  registerReportNotifyRoutes(app, deps);
}
