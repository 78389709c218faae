import type { Express } from 'express';
import { requireRole } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { filterQuery, pageNumber, paginate } from '../platform/pagination';
import { auditChoices, auditEntries, auditFilters } from './queries';

/** Admins browse who changed what, filtered by person, action, record and dates. */
export function registerAuditLog(app: Express, deps: Deps) {
  const { db } = deps;

  app.get('/audit', requireRole('admin'), async (req, res) => {
    const filters = auditFilters(req.query);
    const [page, [actions, entityTypes]] = await Promise.all([
      paginate(auditEntries(db, filters), pageNumber(req.query.page)),
      auditChoices(db),
    ]);
    res.render('audit-log/index', { title: req.t('audit.title'), page, filters, actions, entityTypes, filterQuery });
  });
}
