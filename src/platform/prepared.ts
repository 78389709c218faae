import { createHash } from 'node:crypto';

/**
 * Named prepared statements for every parameterised query sent to a real PostgreSQL server.
 *
 * Why: measured with pg_stat_statements on the national data set (BENCHMARKS.md), PostgreSQL spent
 * three to four times longer *planning* the pages' queries than running them (the case page:
 * 15 ms of planning for 3.5 ms of execution over 48 statements). A named statement is parsed once
 * per connection, and after five executions PostgreSQL keeps a generic plan when it is no worse
 * than the custom ones (its plan cache rules), so planning mostly disappears. This is what Rails
 * and other frameworks do by default.
 *
 * Rules:
 * - only queries with parameters: those without go through the simple protocol, which allows
 *   several statements in one string (migrations rely on it), and naming them would break that;
 * - at most MAX_PER_CONNECTION names per connection (knex generates a new text for each length of
 *   `whereIn` lists): past that, queries are sent unnamed, so a server backend's memory stays bounded;
 * - when a table changes shape under a running process (a migration by a newer deploy), PostgreSQL
 *   refuses the cached statement ("cached plan must not change result type"): the connection then
 *   forgets its statements and the query is retried once unnamed, outside any transaction.
 */
export const MAX_PER_CONNECTION = 1000;

type QueryConfig = { text?: unknown; values?: unknown; name?: unknown };
type PgConnection = { parsedStatements: Record<string, string>; submittedNamedStatements?: Record<string, string> };
type PgClient = { query: (...args: unknown[]) => unknown; connection: PgConnection };

const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    // Bounded: beyond that, names are recomputed (a hash costs microseconds).
    if (names.size > 10_000) names.clear();
    name = `j${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    names.set(text, name);
  }
  return name;
}

const STALE_PLAN = 'cached plan must not change result type';

/** Wraps one pg client (knex pool's afterCreate) so its parameterised queries become named statements. */
export function usePreparedStatements(client: PgClient) {
  const original = client.query.bind(client);
  const prepared = new Set<string>();
  let inTransaction = false;
  let forget = false;

  client.query = (config: unknown, ...rest: unknown[]) => {
    const c = (typeof config === 'string' ? { text: config } : config) as QueryConfig;
    if (c && typeof c.text === 'string') {
      // knex sends BEGIN / COMMIT / ROLLBACK as plain queries: remember whether a retry is safe.
      const verb = c.text.trimStart().slice(0, 8).toUpperCase();
      if (verb.startsWith('BEGIN')) inTransaction = true;
      else if (verb.startsWith('COMMIT') || verb.startsWith('ROLLBACK')) inTransaction = false;
    }
    if (forget) {
      forget = false;
      prepared.clear();
      client.connection.parsedStatements = {};
      void original('DEALLOCATE ALL');
    }
    if (!c || typeof c.text !== 'string' || c.name || !Array.isArray(c.values) || c.values.length === 0) return original(config, ...rest);
    const name = nameOf(c.text);
    if (!prepared.has(name) && prepared.size >= MAX_PER_CONNECTION) return original(config, ...rest);
    prepared.add(name);
    const callback = rest.find((r) => typeof r === 'function') as ((err: Error | null, res?: unknown) => void) | undefined;
    // knex always passes a callback; anything else goes through untouched.
    if (!callback) return original(config, ...rest);
    return original({ ...c, name }, (err: Error | null, res?: unknown) => {
      if (err && err.message.includes(STALE_PLAN)) {
        forget = true;
        if (!inTransaction) return original({ text: c.text, values: c.values }, callback);
      }
      callback(err, res);
    });
  };
}
