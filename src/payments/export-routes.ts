/** The accountant's export (CSV, XLSX) of the orders, invoices and payments of a period. */
import type { Express } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { movements, table, writeCsv, writeXlsx } from './export';
import { paymentPolicy } from './policy';
import { exportSchema } from './schemas';

const str = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 40) : '');

export function registerExportRoutes(app: Express, deps: Deps) {
  // Without a format: the form (the current year by default); with one: the file, or the form again with its errors.
  app.get('/payments/export', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(paymentPolicy.export(user));
    const year = localToday().slice(0, 4);
    const values = {
      from: str(req.query.from) || `${year}-01-01`,
      to: str(req.query.to) || localToday(),
      format: str(req.query.format),
    };
    const page = (status: number, errors: Record<string, string>) =>
      res.status(status).render('payments/export', { title: req.t('payments.export.title'), values, errors });
    if (!values.format) return page(200, {});
    const form = parseForm(exportSchema, values, req.t);
    if (!form.ok) return page(422, form.errors);
    const { from, to, format } = form.data;
    const data = table(req.t, await movements(deps.db, user, { from, to }));
    const type =
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="paiements-prestataires-${from}-${to}.${format}"`);
    if (format === 'csv') writeCsv(res, data);
    else await writeXlsx(res, req.t('payments.export.sheet'), data);
  });
}
