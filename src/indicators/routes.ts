import type { Express, Request, Response } from 'express';
import { currentUser, requireRole } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { barChart } from './charts';
import { writeCsv } from './csv';
import { periodQuery, periodSearch, type PeriodQuery } from './period';
import { detailRows } from './detail';
import { computeIndicators, operatorOptions, type IndicatorScope, type Period } from './queries';
import { detailCells, detailHeaders, indicatorSections } from './tables';
import { computePathwayFigures } from './pathways';
import { pathwaySections } from './pathway-tables';
import { writeXlsx } from './xlsx';
import { listLabels } from '../reference-lists/lists';

// Providers, beneficiaries and relays see single cases, never a portfolio: 403.
const canSeeIndicators = requireRole('admin', 'manager', 'coordinator', 'funder');

/** Portfolio indicators: the page with its charts, and the same figures as CSV and XLSX. */
export function registerIndicators(app: Express, deps: Deps) {
  const { db } = deps;

  /** The exports' tables: the accompaniments' figures, then the parcours' (two statements). */
  async function sectionsOf(req: Request, scope: IndicatorScope, period: Period) {
    const indicators = await computeIndicators(db, scope, period);
    const pathways = await computePathwayFigures(db, scope, period);
    const labels = await listLabels(db, ['theme', 'sector', 'legal_form'], req.locale);
    return [...indicatorSections(indicators, req.t, labels), ...pathwaySections(pathways, req.t)];
  }

  /**
   * The accompaniments' figures (/indicators) or the parcours' (/indicators/pathways, issue 19): two
   * pages, each its own statement; the exports carry both.
   */
  async function renderPage(req: Request, res: Response, q: PeriodQuery, page: 'index' | 'pathways' = 'index') {
    const operators = currentUser(req).role === 'admin' ? await operatorOptions(db) : [];
    const base = {
      title: req.t(page === 'index' ? 'indicators.title' : 'indicators.pw.title'),
      input: q.input,
      operators,
      search: periodSearch(q.input),
      barChart,
    };
    if (!q.ok)
      return res
        .status(422)
        .render(`indicators/${page}`, { ...base, errors: q.errors, sections: null, indicators: null, pathways: null });
    if (page === 'pathways') {
      const pathways = await computePathwayFigures(db, q.scope, q.period);
      return res.render('indicators/pathways', {
        ...base,
        errors: {},
        pathways,
        sections: pathwaySections(pathways, req.t),
      });
    }
    const indicators = await computeIndicators(db, q.scope, q.period);
    // Themes, sectors and legal forms stored as codes of the national lists read as their labels.
    const labels = await listLabels(db, ['theme', 'sector', 'legal_form'], req.locale);
    const sections = indicatorSections(indicators, req.t, labels);
    res.render('indicators/index', { ...base, errors: {}, indicators, sections });
  }

  app.get('/indicators', canSeeIndicators, async (req, res) => {
    await renderPage(req, res, periodQuery(req));
  });

  app.get('/indicators/pathways', canSeeIndicators, async (req, res) => {
    await renderPage(req, res, periodQuery(req), 'pathways');
  });

  /** Both exports: figures computed once, then the detail streamed in keyset batches. */
  function exportRoute(ext: 'csv' | 'xlsx', contentType: string, writer: typeof writeCsv) {
    app.get(`/indicators.${ext}`, canSeeIndicators, async (req, res) => {
      const q = periodQuery(req);
      if (!q.ok) return renderPage(req, res, q);
      const sections = await sectionsOf(req, q.scope, q.period);
      res.setHeader('Content-Type', contentType);
      res.setHeader('Content-Disposition', `attachment; filename="indicateurs-${q.period.from}-${q.period.to}.${ext}"`);
      const detail = {
        title: req.t('indicators.section.detail'),
        headers: detailHeaders(req.t),
        rows: cells(req, q.scope, q.period),
      };
      try {
        await writer(res, sections, detail);
      } catch (err) {
        // Headers are gone: the only honest answer left is to cut the download short.
        req.log.error({ err }, 'indicators export failed');
        res.destroy(err as Error);
      }
    });
  }

  async function* cells(req: Request, scope: IndicatorScope, period: Period) {
    for await (const row of detailRows(db, scope, period)) yield detailCells(row, req.t);
  }

  exportRoute('csv', 'text/csv; charset=utf-8', writeCsv);
  exportRoute('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', writeXlsx);
}
