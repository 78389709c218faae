import type { Db } from '../../src/platform/db';
import { CHECK_MARK } from '../../src/platform/read-together';

/**
 * The SQL statements one request sends, read from knex's 'query' event (emitted once per
 * statement, on the pool and inside transactions alike). Listening starts right before the request
 * and stops when its response has arrived, so the set-up of a test and the login are not counted.
 */
export async function queriesOf<T>(db: Db, run: () => PromiseLike<T>): Promise<{ result: T; sql: string[] }> {
  const sql: string[] = [];
  // The login session's own statements (user_sessions: read, then saved or only touched depending
  // on whether the request changed it) say nothing about the page, so they are left out.
  const listener = (q: { sql: string }) => {
    // Nor are the statements by which the tests check readTogether's column types.
    if (!/"user_sessions"/.test(q.sql) && !q.sql.startsWith(CHECK_MARK)) sql.push(q.sql);
  };
  db.on('query', listener);
  try {
    const result = await run();
    return { result, sql };
  } finally {
    db.removeListener('query', listener);
  }
}

/**
 * The statements as a multiset, with lists of bind parameters folded into one mark: `in ($1, $2, $3)`
 * and `in ($1)` are the same statement for a page with three rows or one. Comparing two of these
 * shows, on failure, exactly which statement ran more often. Ids inlined as literals are folded too.
 */
export function statementCounts(sql: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of sql) {
    const key = s
      .replace(/\$\d+(\s*,\s*\$\d+)*/g, '$…')
      .replace(/'\d+'/g, "'…'") // ids some queries inline (a subquery built with toQuery())
      .replace(/\s+/g, ' ')
      .trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
