import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { localToday } from '../platform/dates';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, parseForm, postedLockVersion, formErrorOf } from '../platform/forms';
import { authorize } from '../platform/policy';
import { findDocument } from '../platform/storage/documents';
import { defineDocumentPurpose, registerDocumentRoutes, sendDocument } from '../platform/storage/routes';
import { flash } from '../platform/views';
import { buildReportContent } from './content';
import { renderReportPdf } from './pdf';
import { memoPdf } from '../platform/pdf/memo';
import { reportPolicy } from './policy';
import { insertReport, listDeliveries, listReports, loadReport, REPORT_PURPOSE, type ReportRow, updateReport } from './queries';
import { scopeReports } from './scope';
import { MILESTONES, reportSchema } from './schemas';
import { refuseFrozen } from './frozen';
import { builtTitle } from './title';
import { registerReportSendRoutes } from './send-routes';
import { registerReportNotifyRoutes } from './notify-routes';
import { findAccompaniment } from '../accompaniments/queries';

class EditConflict extends Error {}

type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;

/**
 * Progress reports: the coordinator writes a draft (a milestone, three texts), previews it as
 * HTML or PDF with every figure read from the record, then sends it (send-routes.ts).
 */
export function registerProgressReports(app: Express, deps: Deps) {
  const { db, write, storage, logger } = deps;

  // The stored PDF of a sent report follows the reports' scope, wherever it is downloaded from.
  defineDocumentPurpose(REPORT_PURPOSE, {
    canRead: async (user, _acc, doc) => Boolean(await scopeReports(db, user, db('progress_reports as r').where('r.document_id', doc.id).first('r.id'))),
    canDelete: () => false, // a sent report is kept as sent
    backTo: (acc) => `/accompaniments/${acc.id}/reports`,
  });
  registerDocumentRoutes(app, { db, write, storage, logger }, (user, id) => findAccompaniment(db, user, id));

  const loadForManaging = async (req: Request) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(reportPolicy.manage(req.user!, acc));
    return acc;
  };

  const renderForm = (req: Request, res: Response, status: number, acc: Acc, values: Record<string, unknown>, errors: FieldErrors, report?: ReportRow, formError?: string) =>
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
    const user = req.user!;
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
    renderForm(req, res, 200, acc, { milestone, title, proposed_title: title, period_end: today, next_steps: '', risks: '', comment: '' }, {});
  });

  app.post('/accompaniments/:id/reports', requireLogin, async (req, res) => {
    const acc = await loadForManaging(req);
    const form = parseForm(reportSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, 422, acc, req.body ?? {}, form.errors);
    const id = await write(req, async (w) => {
      const reportId = await insertReport(w.trx, acc.id, form.data, req.user!.id);
      await w.audit({ action: 'progress_report.create', entityType: 'accompaniment', entityId: acc.id, details: { report_id: reportId, milestone: form.data.milestone, title: form.data.title } });
      return reportId;
    });
    flash(req, 'success', req.t('progressReports.created'));
    res.redirect(`/reports/${id}`);
  });

  app.get('/reports/:id', requireLogin, async (req, res) => {
    const { report, acc } = await loadReport(deps, req);
    const user = req.user!;
    authorize(reportPolicy.read(user, acc));
    const seeDelivery = reportPolicy.seeDelivery(user, acc);
    res.render('progress-reports/show', {
      title: report.title,
      acc,
      report,
      // A sent report shows what was sent (its snapshot), never the record as it is today.
      content: report.status === 'sent' && report.content ? report.content : await buildReportContent(db, acc, report.period_end),
      deliveries: seeDelivery && report.status === 'sent' ? await listDeliveries(db, [report.id]) : [],
      canManage: reportPolicy.manage(user, acc),
      seeDelivery,
    });
  });

  app.get('/reports/:id/edit', requireLogin, async (req, res) => {
    const { report, acc } = await loadReport(deps, req);
    authorize(reportPolicy.manage(req.user!, acc));
    if (report.status === 'sent') return refuseFrozen(req, res, report);
    renderForm(req, res, 200, acc, { ...report, proposed_title: builtTitle(report.milestone, report.period_end) }, {}, report);
  });

  app.post('/reports/:id', requireLogin, async (req, res) => {
    const { report, acc } = await loadReport(deps, req);
    authorize(reportPolicy.manage(req.user!, acc));
    if (report.status === 'sent') return refuseFrozen(req, res, report);
    const form = parseForm(reportSchema, req.body, req.t);
    const posted = { ...req.body, lock_version: req.body?.lock_version ?? report.lock_version };
    if (!form.ok) return renderForm(req, res, 422, acc, posted, form.errors, report);
    const lockVersion = postedLockVersion(req.body?.lock_version);
    try {
      await write(req, async (w) => {
        if (!Number.isInteger(lockVersion) || !(await updateReport(w.trx, report.id, lockVersion, form.data))) throw new EditConflict();
        await w.audit({ action: 'progress_report.update', entityType: 'accompaniment', entityId: acc.id, details: { report_id: report.id, milestone: form.data.milestone, title: form.data.title } });
      });
    } catch (err) {
      if (!(err instanceof EditConflict)) throw err;
      const { report: current } = await loadReport(deps, req);
      if (current.status === 'sent') return refuseFrozen(req, res, current);
      return renderForm(req, res, 409, acc, { ...req.body, lock_version: current.lock_version }, {}, current, req.t('progressReports.conflict'));
    }
    flash(req, 'success', req.t('progressReports.saved'));
    res.redirect(`/reports/${report.id}`);
  });

  // A draft is drawn on the fly and marked as such; a sent report is its stored bytes, unchanged.
  app.get('/reports/:id/pdf', requireLogin, async (req, res) => {
    const { report, acc } = await loadReport(deps, req);
    authorize(reportPolicy.read(req.user!, acc));
    if (report.status === 'sent') {
      const doc = report.document_id ? await findDocument(db, report.document_id) : undefined;
      if (!doc) throw notFound();
      return sendDocument(req, res, deps, doc);
    }
    const content = await buildReportContent(db, acc, report.period_end);
    const text = { title: report.title, milestone: report.milestone, next_steps: report.next_steps, risks: report.risks, comment: report.comment };
    // Drawn again only when the record or the text changed (src/platform/pdf/memo.ts).
    const pdf = await memoPdf('progress-report-draft', { content, text }, () => renderReportPdf(content, text, { draft: true }));
    res.set({ 'Content-Type': 'application/pdf', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
    res.attachment(req.t('progressReports.pdf.filename', { id: report.id }));
    res.send(pdf);
  });

  registerReportSendRoutes(app, deps);
  registerReportNotifyRoutes(app, deps);
}
