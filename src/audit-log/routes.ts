import type { Express } from 'express';
import { requireRole } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { filterQuery, pageNumber, paginate } from '../platform/pagination';

const str = (v: unknown, max = 100) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

/** Admins browse who changed what, filtered by person, action, record and dates. */
export function registerAuditLog(app: Express, deps: Deps) {
  const { db } = deps;

  app.get('/audit', requireRole('admin'), async (req, res) => {
    const filters = {
      actor: str(req.query.actor),
      action: str(req.query.action),
      entity_type: str(req.query.entity_type),
      entity_id: str(req.query.entity_id),
      from: isDate(str(req.query.from)) ? str(req.query.from) : '',
      to: isDate(str(req.query.to)) ? str(req.query.to) : '',
    };
    const q = db('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .select('a.*', 'u.name as actor_name', 'u.email as actor_email')
      .orderBy([
        { column: 'a.at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ]);
    if (filters.actor) {
      const like = `%${filters.actor.replace(/[%_\\]/g, '\\$&')}%`;
      q.where((w) => w.whereILike('u.email', like).orWhereILike('u.name', like));
    }
    if (filters.action) q.where('a.action', 'like', `${filters.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (filters.entity_type) q.where('a.entity_type', filters.entity_type);
    if (filters.entity_id) q.where('a.entity_id', filters.entity_id);
    if (filters.from) q.where('a.at', '>=', filters.from);
    if (filters.to) q.whereRaw(`a.at < (?::date + 1)`, [filters.to]);
    const [page, actions, entityTypes] = await Promise.all([
      paginate(q, pageNumber(req.query.page)),
      db('audit_log').distinct('action').orderBy('action').pluck('action'),
      db('audit_log').distinct('entity_type').orderBy('entity_type').pluck('entity_type'),
    ]);
    res.render('audit-log/index', { title: req.t('audit.title'), page, filters, actions, entityTypes, filterQuery });
  });
}
