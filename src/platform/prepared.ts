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
 * - at most MAX_PER_CONNECTION statements per connection, the least recently used one deallocated
 *   to make room (outside transactions; inside one, a new statement is sent unnamed). Measured on
 *   the national data set, a statement with its plans takes 45–80 KB in the PostgreSQL backend;
 *   200 of them keep a backend under ~16 MB more, and the pages use about 40 each;
 * - when a table changes shape under a running process (a migration by a newer deploy), PostgreSQL
 *   refuses the cached statement ("cached plan must not change result type"): the connection then
 *   forgets its statements and the query is retried once unnamed, outside any transaction.
 *
 * Only the pg client's public query API is used (`client.query({ name, text, values })`). pg remembers
 * which names a connection has parsed and never parses a name twice, so a statement dropped on the
 * server (least recently used, or all after a changed table) comes back under a new name: names are
 * numbered per connection and never reused. pg's memory of the old names stays with the connection
 * (a name and its text per drop), which the pool closes after 30 s idle.
 */
export const MAX_PER_CONNECTION = 200;

type QueryConfig = { text?: unknown; values?: unknown; name?: unknown };
type PgClient = { query: (...args: unknown[]) => unknown };

const STALE_PLAN = 'cached plan must not change result type';

const CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK\s+TO|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/** Wraps one pg client (knex pool's afterCreate) so its parameterised queries become named statements. */
export function usePreparedStatements(client: PgClient, maxPerConnection = MAX_PER_CONNECTION) {
  const original = client.query.bind(client);
  // The statements prepared on the server, by text, with the name they were prepared under. Insertion
  // order of a Map is the LRU order: a statement used again is moved to the end.
  const prepared = new Map<string, string>();
  // Every preparation gets a name never used before on this connection (pg would skip parsing a
  // name it remembers, even after the server dropped it).
  let sequence = 0;
  // Where the connection stands, from the statements knex sends (BEGIN, COMMIT, ROLLBACK, savepoints):
  // statements are forgotten (DEALLOCATE ALL) only where PostgreSQL accepts it, i.e. not in a
  // transaction that an error has aborted.
  let inTransaction = false;
  let aborted = false;
  let forget = false;

  client.query = (config: unknown, ...rest: unknown[]) => {
    const c = (typeof config === 'string' ? { text: config } : config) as QueryConfig;
    const control =
      c && typeof c.text === 'string' ? CONTROL.exec(c.text)?.[1].toUpperCase().replace(/\s+/g, ' ') : undefined;
    if (control === 'BEGIN' || control === 'COMMIT' || control === 'ROLLBACK') {
      inTransaction = control === 'BEGIN';
      aborted = false;
    } else if (control === 'ROLLBACK TO') aborted = false;
    if (forget && !aborted && !control) {
      forget = false;
      prepared.clear();
      // No callback: pg answers a promise; a failure here (connection lost) surfaces on the next query.
      Promise.resolve(original('DEALLOCATE ALL')).catch(() => {});
    }
    const callback = rest.find((r) => typeof r === 'function') as
      ((err: Error | null, res?: unknown) => void) | undefined;
    // knex always passes a callback; anything else goes through untouched.
    if (!callback || rest.length !== 1 || !c || typeof c.text !== 'string') return original(config, ...rest);
    const watched = (err: Error | null, res?: unknown) => {
      if (err && inTransaction) aborted = true;
      callback(err, res);
    };
    const named = !c.name && Array.isArray(c.values) && c.values.length > 0;
    if (!named) return original(config, watched);
    let name = prepared.get(c.text);
    if (name) prepared.delete(c.text);
    else {
      if (prepared.size >= maxPerConnection) {
        if (inTransaction) return original(config, watched);
        const [[oldestText, oldestName]] = prepared;
        prepared.delete(oldestText);
        Promise.resolve(original(`DEALLOCATE "${oldestName}"`)).catch(() => {});
      }
      name = `jalons_${++sequence}`;
    }
    prepared.set(c.text, name);
    return original({ ...c, name }, (err: Error | null, res?: unknown) => {
      if (err && err.message.includes(STALE_PLAN)) {
        forget = true;
        if (!inTransaction) return original({ text: c.text, values: c.values }, watched);
      }
      watched(err, res);
    });
  };
}
