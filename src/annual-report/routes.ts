import type { Express, Request, Response } from 'express';
import { barChart } from '../indicators/charts';
import { writeCsv } from '../indicators/csv';
import { writeXlsx } from '../indicators/xlsx';
import { currentUser, requireRole } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { fr } from '../platform/pdf';
import { authorize } from '../platform/policy';
import { nationalCells, nationalHeaders, nationalRows } from './national-fields';
import { renderAnnualReportPdf } from './pdf';
import { canChooseScope, canSeeAnnualReport } from './policy';
import { computeAnnualReport } from './queries';
import { reportRequest, reportSearch, scopeOptions, type ReportRequest, type ReportScope } from './scope';
import { reportLabels, reportSections } from './tables';

// Providers, beneficiaries, relays and funders: 403 (policy.ts says why for funders).
const canOpen = requireRole('admin', 'manager', 'coordinator');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The annual activity report (/annual-report): the page with its charts, its PDF, its XLSX, the national export. */
export function registerAnnualReport(app: Express, deps: Deps) {
  const { db } = deps;

  const scopeName = (req: Request, scope: ReportScope) =>
    scope.kind === 'national'
      ? req.t('annualReport.scope.national')
      : scope.kind === 'region'
        ? scope.region.name
        : scope.name;

  /** The request parsed and the reader allowed, or the page again with the errors (422). */
  async function parsed(req: Request, res: Response) {
    authorize(canSeeAnnualReport(currentUser(req)));
    const q = await reportRequest(db, req);
    if (!q.ok) {
      await renderPage(req, res, q);
      return null;
    }
    return q;
  }

  async function report(req: Request, q: Extract<ReportRequest, { ok: true }>, t = req.t, locale = req.locale) {
    const [figures, labels] = await Promise.all([
      computeAnnualReport(db, currentUser(req), q.scope, q.year, q.period),
      reportLabels(db, locale),
    ]);
    return { figures, labels, sections: reportSections(figures, t, labels) };
  }

  async function renderPage(req: Request, res: Response, q: ReportRequest) {
    const options = canChooseScope(currentUser(req)) ? await scopeOptions(db) : null;
    const base = {
      title: req.t('annualReport.title'),
      input: q.input,
      options,
      search: reportSearch(q.input),
      barChart,
    };
    if (!q.ok) return res.status(422).render('annual-report/index', { ...base, errors: q.errors, sections: null });
    const { sections } = await report(req, q);
    res.render('annual-report/index', {
      ...base,
      errors: {},
      sections,
      heading: req.t('annualReport.heading', { scope: scopeName(req, q.scope), year: q.year }),
    });
  }

  app.get('/annual-report', canOpen, async (req, res) => {
    const q = await parsed(req, res);
    if (q) await renderPage(req, res, q);
  });

  app.get('/annual-report.pdf', canOpen, async (req, res) => {
    const q = await parsed(req, res);
    if (!q) return;
    // Sent outside like the case sheets: in French, whoever prints it.
    const { sections } = await report(req, q, fr, 'fr');
    const pdf = await renderAnnualReportPdf({
      title: fr('annualReport.title'),
      subtitle: fr('annualReport.heading', { scope: scopeName(req, q.scope), year: q.year }),
      sections,
    });
    res.type('application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="rapport-activite-${q.year}.pdf"`);
    res.send(pdf);
  });

  /** The XLSX of the report (a sheet per section, then the national rows) and the national export alone. */
  function exportRoute(path: string, ext: 'xlsx' | 'csv', withSections: boolean) {
    app.get(path, canOpen, async (req, res) => {
      const q = await parsed(req, res);
      if (!q) return;
      const labels = await reportLabels(db, req.locale);
      const sections = withSections ? (await report(req, q)).sections : [];
      res.setHeader('Content-Type', ext === 'xlsx' ? XLSX : 'text/csv; charset=utf-8');
      const name = withSections ? 'rapport-activite' : 'export-national';
      res.setHeader('Content-Disposition', `attachment; filename="${name}-${q.year}.${ext}"`);
      const user = currentUser(req);
      async function* cells() {
        for await (const v of nationalRows(db, user, q!.scope, q!.year, req.t, labels)) yield nationalCells(v);
      }
      const detail = { title: req.t('annualReport.national.sheet'), headers: nationalHeaders(), rows: cells() };
      try {
        await (ext === 'xlsx' ? writeXlsx : writeCsv)(res, sections, detail);
      } catch (err) {
        // Headers are gone: the only honest answer left is to cut the download short.
        req.log.error({ err }, 'annual report export failed');
        res.destroy(err as Error);
      }
    });
  }
  exportRoute('/annual-report.xlsx', 'xlsx', true);
  exportRoute('/annual-report/national.xlsx', 'xlsx', false);
  exportRoute('/annual-report/national.csv', 'csv', false);
}
