/** The audit log's reads for the admin screen: the filters as the query string gives them, the entries matching. */
import type { Request } from 'express';
import type { Db } from '../platform/db';

const str = (v: unknown, max = 100) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
const escapeLike = (v: string) => v.replace(/[%_\\]/g, '\\$&');

export type AuditFilters = ReturnType<typeof auditFilters>;

/** The filters typed in the query string: a malformed date is no filter. */
export function auditFilters(query: Request['query']) {
  return {
    actor: str(query.actor),
    action: str(query.action),
    entity_type: str(query.entity_type),
    entity_id: str(query.entity_id),
    from: isDate(str(query.from)) ? str(query.from) : '',
    to: isDate(str(query.to)) ? str(query.to) : '',
  };
}

/** The entries matching the filters, newest first, with who made them (to be paginated). */
export function auditEntries(db: Db, filters: AuditFilters) {
  const q = db('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select('a.*', 'u.name as actor_name', 'u.email as actor_email')
    .orderBy([
      { column: 'a.at', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ]);
  if (filters.actor) {
    const like = `%${escapeLike(filters.actor)}%`;
    q.where((w) => w.whereILike('u.email', like).orWhereILike('u.name', like));
  }
  if (filters.action) q.where('a.action', 'like', `${escapeLike(filters.action)}%`);
  if (filters.entity_type) q.where('a.entity_type', filters.entity_type);
  if (filters.entity_id) q.where('a.entity_id', filters.entity_id);
  if (filters.from) q.where('a.at', '>=', filters.from);
  if (filters.to) q.whereRaw(`a.at < (?::date + 1)`, [filters.to]);
  return q;
}

/** The actions and record types ever logged: the choices of the filters. */
export const auditChoices = (db: Db) =>
  Promise.all([
    db('audit_log').distinct('action').orderBy('action').pluck('action'),
    db('audit_log').distinct('entity_type').orderBy('entity_type').pluck('entity_type'),
  ]);
