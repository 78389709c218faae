import type { Express } from 'express';
import type { Deps } from '../platform/deps';
import { registerExportRoutes } from './export-routes';
import { registerInvoiceRoutes } from './invoice-routes';
import { registerOrderRoutes } from './order-routes';

/** Paying the provider (issue 20): orders, invoices, service done, payments, the accountant's export. */
export function registerPayments(app: Express, deps: Deps) {
  registerOrderRoutes(app, deps);
  registerInvoiceRoutes(app, deps);
  registerExportRoutes(app, deps);
}
