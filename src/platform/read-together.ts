import type { Knex } from 'knex';
import type { Db, Rows } from './db';

/**
 * One read of a page, to be sent with others (`readTogether`). JSON gives timestamps back as
 * text and bigints (ids, counts) as numbers: `dates` and `bigints` name the columns to give back
 * the types the pg driver returns (Date, string), so a row looks the same read alone or together.
 * Numerics have no such way back (JSON drops their trailing zeros): a read selects them as text.
 */
export type Read<T = Record<string, unknown>> = {
  query: Knex.QueryBuilder | Knex.Raw;
  dates?: readonly (keyof T & string)[];
  bigints?: readonly (keyof T & string)[];
};

/** A read whose rows are of type T (the row type is named here, once, rather than asserted). */
export function read<T>(query: Knex.QueryBuilder | Knex.Raw, types: Omit<Read<T>, 'query'> = {}): Read<T> {
  return { query, ...types };
}

/** The rows of each read: typed by the read's row type, or plain records for an untyped read. */
export type RowsOf<R> = {
  [K in keyof R]: R[K] extends Read<infer T> ? ([T] extends [never] ? Row[] : unknown extends T ? Row[] : T[]) : Row[];
};

type Row = Record<string, unknown>;

/**
 * Independent reads of one page sent as one statement, each read's rows as a JSON array.
 * Sending a statement costs the same round trip whatever its size (a write on the socket, a
 * wake-up of the server, a reply to parse): the home's four small reads cost more to send than
 * to run. Each read keeps its own SQL, order and limit; PostgreSQL keeps a sorted subquery's
 * order through json_agg when nothing above it joins or groups, which is the case here.
 */
export async function readTogether<R extends Record<string, Read<never>>>(db: Db, reads: R): Promise<RowsOf<R>> {
  const out = await runStatement(db, statementOf(reads));
  if (process.env.JALONS_CHECK_READS === '1') await checkReads(db, reads, out);
  return out as RowsOf<R>;
}

/** Independent reads as one statement: its text, its values, and each read's name and column types, in order. */
export type Statement = {
  sql: string;
  bindings: Knex.RawBinding[];
  reads: { name: string; dates: readonly string[]; bigints: readonly string[] }[];
};

/** The one statement of `reads` (each read's rows as a JSON array, see readTogether). */
export function statementOf(reads: Record<string, Read<never>>): Statement {
  const bindings: Knex.RawBinding[] = [];
  const columns = Object.keys(reads).map((name, i) => {
    const { sql, bindings: own } = reads[name].query.toSQL();
    bindings.push(...(own as Knex.RawBinding[]));
    return `(select coalesce(json_agg(r), '[]') from (${sql}) r) as r${i}`;
  });
  const described = Object.entries(reads as Record<string, Read>).map(([name, r]) => ({
    name,
    dates: r.dates ?? [],
    bigints: r.bigints ?? [],
  }));
  return { sql: `select ${columns.join(', ')}`, bindings, reads: described };
}

/** Sends a statement of statementOf and gives each read's rows, by name, with the types the pg driver gives. */
export async function runStatement(db: Db, statement: Statement): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  if (!statement.reads.length) return out;
  const { rows } = await db.raw<Rows<Record<string, Row[]>>>(statement.sql, statement.bindings);
  statement.reads.forEach(({ name, dates, bigints }, i) => {
    const list = rows[0][`r${i}`];
    for (const row of list) {
      for (const c of dates) if (row[c] != null) row[c] = new Date(row[c] as string);
      for (const c of bigints) {
        const id = row[c] as number | string | null;
        if (id != null) row[c] = String(id);
      }
    }
    out[name] = list;
  });
  return out;
}

/** Under the tests (JALONS_CHECK_READS=1), each read's rows read together are checked against the read alone (checkRead). */
export async function checkReads(db: Db, reads: Record<string, Read<never>>, out: Record<string, unknown[]>) {
  for (const name of Object.keys(reads)) await checkRead(db, name, reads[name] as Read, out[name] as Row[]);
}

/** Marks the statements of `checkRead`, which the tests' query counter leaves out (they are not the page's). */
export const CHECK_MARK = '/* jalons:check-read */';

/** The statements already checked with rows in this process (see checkRead). */
const checked = new Set<string>();

/**
 * Under the tests (JALONS_CHECK_READS=1, set by jest's global setup), each read also runs alone and
 * its columns must come back with the same types as read together: a column forgotten in `dates` or
 * `bigints` (or a numeric not selected as text) fails the test that renders the page, instead of
 * reaching a view as text or as a number. Types are compared per column, not row by row, so that a
 * read without an order still compares.
 */
async function checkRead(db: Db, name: string, read: Read, together: Row[]) {
  const { sql, bindings } = read.query.toSQL();
  // A read checked once with rows has its column types known: the same statement with the same
  // declarations again (the same page rendered by the next test) would only repeat the check.
  const key = JSON.stringify([name, sql, read.dates ?? [], read.bigints ?? []]);
  if (checked.has(key)) return;
  if (together.length > 0) checked.add(key);
  const { rows: alone } = await db.raw<Rows<Row>>(`${CHECK_MARK} ${sql}`, bindings as Knex.RawBinding[]);
  const kinds = (rows: Row[]) => {
    const seen = new Map<string, Set<string>>();
    for (const row of rows)
      for (const [column, value] of Object.entries(row)) {
        if (value == null) continue;
        const kind = value instanceof Date ? 'Date' : Array.isArray(value) ? 'array' : typeof value;
        seen.set(column, (seen.get(column) ?? new Set()).add(kind));
      }
    return seen;
  };
  const a = kinds(alone);
  const b = kinds(together);
  for (const [column, types] of a) {
    const got = [...(b.get(column) ?? [])].join('|');
    const want = [...types].join('|');
    if (got !== want) {
      throw new Error(
        `readTogether: column "${column}" of the read "${name}" comes back as ${got || 'nothing'} instead of ${want}: name it in the read's dates or bigints, or select a numeric as text.`,
      );
    }
  }
}
