/**
 * After the load: every write the users were told succeeded is in the database, nothing they were
 * refused is, and every multi-table write is whole (the row, its attendees, its audit entry).
 */
import type { Knex } from 'knex';
import { markerPrefix, type UserState, type Write } from './scenario';

export type Check = { name: string; ok: boolean; detail: string };

const sameSet = (name: string, found: string[], must: string[], may: string[]): Check => {
  const allowed = new Set([...must, ...may]);
  const have = new Set(found);
  const missing = must.filter((m) => !have.has(m));
  const extra = found.filter((f) => !allowed.has(f));
  return {
    name,
    ok: missing.length === 0 && extra.length === 0 && found.length === have.size,
    detail:
      `${found.length} in the database, ${must.length} acknowledged${may.length ? `, ${may.length} unanswered` : ''}` +
      (missing.length ? `; LOST: ${missing.slice(0, 5).join(', ')}` : '') +
      (extra.length ? `; saved although refused: ${extra.slice(0, 5).join(', ')}` : ''),
  };
};

export async function verifyWrites(db: Knex, run: string, users: UserState[]): Promise<Check[]> {
  const like = `${markerPrefix(run)}%`;
  const writes = users.flatMap((u) => u.writes);
  const markers = (kind: Write['kind'], result: Write['result']) =>
    writes.filter((w) => w.kind === kind && w.result === result).map((w) => w.marker);
  const checks: Check[] = [];

  const notices = await db('notices').where('recipients', 'like', like).pluck('recipients');
  checks.push(sameSet('notices', notices, markers('notice', 'ok'), markers('notice', 'unknown')));
  const actions = await db('action_items').where('what', 'like', like).pluck('what');
  checks.push(sameSet('action items', actions, markers('action', 'ok'), markers('action', 'unknown')));

  // Sessions are found by the title given at creation (the audit entry keeps it), then their
  // current title must be the one of the last acknowledged edit.
  const created = await db('audit_log')
    .where({ action: 'session.create' })
    .whereRaw(`details->>'title' like ?`, [like])
    .select('entity_id', db.raw(`details->>'title' as title`));
  checks.push(
    sameSet(
      'sessions',
      created.map((r) => r.title as string),
      markers('session', 'ok'),
      markers('session', 'unknown'),
    ),
  );
  const expected = new Map(users.flatMap((u) => [...u.titles]));
  const rows = await db('sessions').where('title', 'like', like).select('id', 'title');
  const wrong = rows.filter(
    (r) => expected.has(String(r.id)) && !expected.get(String(r.id))!.split('|').includes(r.title),
  );
  const edits = writes.filter((w) => w.kind === 'edit' && w.result === 'ok').length;
  checks.push({
    name: 'session edits',
    ok: wrong.length === 0,
    detail:
      `${edits} acknowledged edits` +
      (wrong.length
        ? `; OVERWRITTEN OR LOST on sessions ${wrong
            .slice(0, 5)
            .map((r) => r.id)
            .join(', ')}`
        : ', every session shows its last edit'),
  });
  return checks;
}

/** Half-written records: each check counts rows of this run that break an all-or-nothing rule. */
export async function verifyWhole(db: Knex, run: string): Promise<Check[]> {
  const like = `${markerPrefix(run)}%`;
  const count = async (name: string, sql: string) => {
    const { rows } = await db.raw(sql, [like]);
    const n = Number(rows[0].n);
    return { name, ok: n === 0, detail: n === 0 ? 'none' : `${n} half-written` };
  };
  const attendees = await db.raw(
    `select count(*) as n from session_attendees sa join sessions s on s.id = sa.session_id where s.title like ?`,
    [like],
  );
  return [
    await count(
      'sessions without their creation audit entry',
      `select count(*) as n from sessions s where s.title like ? and not exists (select 1 from audit_log l where l.action = 'session.create' and l.entity_id = s.id::text)`,
    ),
    await count(
      'session creations audited but missing',
      `select count(*) as n from audit_log l where l.action = 'session.create' and l.details->>'title' like ? and not exists (select 1 from sessions s where s.id::text = l.entity_id)`,
    ),
    // Attendees are written in the same transaction as the session and each edit: their number
    // must be what the audit entries of those transactions recorded.
    await count(
      'sessions whose attendees differ from the invitations audited with them',
      `select count(*) as n from sessions s where s.title like ? and (select count(*) from session_attendees sa where sa.session_id = s.id) <>
        (select coalesce(sum(case l.action when 'session.create' then (l.details->>'invited')::int
                                  else (l.details->>'invited_added')::int - (l.details->>'invited_removed')::int end), 0)
           from audit_log l where l.entity_id = s.id::text and l.action in ('session.create', 'session.update'))`,
    ),
    await count(
      'action items without their audit entry',
      `select count(*) as n from action_items a where a.what like ? and not exists (select 1 from audit_log l where l.action = 'action_item.create' and l.entity_id = a.id::text)`,
    ),
    await count(
      'notices without their audit entry',
      `select count(*) as n from notices n where n.recipients like ? and not exists (select 1 from audit_log l where l.action = 'notice.create' and l.details->>'notice_id' = n.id::text)`,
    ),
    { name: 'attendee rows of the run', ok: true, detail: String(attendees.rows[0].n) },
  ];
}
