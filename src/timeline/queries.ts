import type { Db, Rows } from '../platform/db';
import type { SessionUser } from '../platform/auth/session-user';
import { seenBy, THINGS } from '../accompaniments/withdrawn';
import { type Binding, branches, type Category, type TimelineEntry } from './branches';

export type TimelineQuery = {
  accompanimentId: string;
  /** The kinds of events wanted, already limited to what the reader may see. */
  categories: Category[];
  from: string | null;
  to: string | null;
  order: 'asc' | 'desc';
  today: string;
  /** 1-based page of `pageSize` entries. */
  page: number;
  pageSize?: number;
  /** Its reader: a structure that left the case reads it up to its exit day, plus what it is invited to (accompaniments/withdrawn.ts). */
  reader?: SessionUser;
};

/**
 * A long case has hundreds of events (108 sessions alone in the benchmark's richest case): the
 * page shows them 50 at a time, in the chosen order, and says how many there are in all.
 */
export const TIMELINE_PAGE_SIZE = 50;

export type TimelinePage = { entries: TimelineEntry[]; total: number };

/** One page of the history of a case as ONE query: a union of every source, filtered, ordered and counted. */
export async function listTimeline(db: Db, q: TimelineQuery): Promise<TimelinePage> {
  // A structure's account reads only its own structure's survey; the operator's staff every one.
  const surveysOf = q.reader?.role === 'beneficiary' ? String(q.reader.organisation_id) : null;
  const chosen = branches(q.accompanimentId, q.today, surveysOf).filter((b) => q.categories.includes(b.category));
  if (!chosen.length) return { entries: [], total: 0 };
  // The first branch fixes the column names and types of the union.
  const first = branches(q.accompanimentId, q.today)[0];
  const parts = chosen[0] === first ? chosen : [{ ...first, sql: `${first.sql} and false` }, ...chosen];
  const union = parts.map((b) => `(${b.sql})`).join('\n union all \n');
  const bindings: Binding[] = parts.flatMap((b) => b.bindings);
  const where: string[] = [];
  if (q.from) {
    where.push('e.on_date >= ?::date');
    bindings.push(q.from);
  }
  if (q.to) {
    where.push('e.on_date <= ?::date');
    bindings.push(q.to);
  }
  if (q.reader) {
    // The case's id comes from the database (the case loaded through the scope), never from the request.
    const seen = seenBy(q.reader, THINGS.timelineEntry(`${BigInt(q.accompanimentId)}::bigint`, 'e'));
    if (seen.bindings.length) {
      where.push(seen.sql);
      bindings.push(...seen.bindings);
    }
  }
  const dir = q.order === 'desc' ? 'desc' : 'asc';
  const nulls = dir === 'asc' ? 'nulls last' : 'nulls first';
  // Events in the order they happened: by their day, the case's opening entry first of its day (the
  // structures named at creation are recorded in the same instant), then in the order recorded.
  const opening = `(e.kind = 'transition' and e.detail is null) ${dir === 'asc' ? 'desc' : 'asc'}`;
  const size = q.pageSize ?? TIMELINE_PAGE_SIZE;
  bindings.push(size, (q.page - 1) * size);
  const order = `e.on_date ${dir}, ${opening}, e.recorded_at ${dir} ${nulls}, e.category ${dir}, e.kind ${dir}, e.ref_id ${dir}`;
  // The window count is taken before LIMIT: the total of the filtered history, in the same statement.
  // Who recorded each entry is named for the page's entries only, not joined in every branch.
  const sql = `select e.*, u.name as actor_name from (
      select e.*, count(*) over () as total from (${union}) as e
      ${where.length ? `where ${where.join(' and ')}` : ''}
      order by ${order}
      limit ? offset ?) as e
    left join users u on u.id = e.actor_id
    order by ${order}`;
  const { rows } = await db.raw<Rows<TimelineEntry & { total: string; actor_id: string | null }>>(sql, bindings);
  return {
    entries: rows.map(({ total: _total, actor_id: _actor, ...r }) => ({ ...r, ref_id: String(r.ref_id) })),
    total: rows.length ? Number(rows[0].total) : 0,
  };
}

/** The page asked for; a page past the end (the history got shorter, or a hand-typed number) shows the first one. */
export async function timelinePage(db: Db, q: TimelineQuery): Promise<TimelinePage & { page: number }> {
  const found = await listTimeline(db, q);
  if (found.entries.length || q.page <= 1) return { ...found, page: q.page };
  return { ...(await listTimeline(db, { ...q, page: 1 })), page: 1 };
}
