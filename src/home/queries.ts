import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';

export async function adminOverview(db: Db) {
  const [orgs, users, outbox, recent] = await Promise.all([
    db('organisations').select('kind').count('* as n').groupBy('kind'),
    db('users').select('status').count('* as n').groupBy('status'),
    db('outbox').select('status').count('* as n').groupBy('status'),
    db('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .orderBy('a.id', 'desc')
      .limit(8)
      .select('a.at', 'a.action', 'a.entity_type', 'a.entity_id', 'u.name as actor_name'),
  ]);
  const byKey = (rows: Record<string, unknown>[], key: string) =>
    Object.fromEntries(rows.map((r) => [String(r[key]), Number(r.n)])) as Record<string, number>;
  return { organisations: byKey(orgs, 'kind'), users: byKey(users, 'status'), outbox: byKey(outbox, 'status'), recent };
}

/** Everyone else sees their organisation and the colleagues they work with. */
export async function memberOverview(db: Db, user: SessionUser) {
  const colleagues = await db('users')
    .where({ organisation_id: user.organisation_id, status: 'active' })
    .whereNot({ id: user.id })
    .orderBy('name')
    .select('name', 'email', 'role');
  return { colleagues };
}
