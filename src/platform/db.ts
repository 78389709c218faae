import fs from 'node:fs';
import type { PGliteOptions } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import knex, { Knex } from 'knex';
import { types } from 'pg';
import type { Config } from '../config';
import { acquireDataDirLock } from './pglite-lock';
import { usePreparedStatements } from './prepared';

export type Db = Knex;
export type Trx = Knex.Transaction;

/** What `db.raw` resolves to on pg, for a read naming its row type: `db.raw<Rows<{ n: number }>>(…)`. */
export type Rows<T> = { rows: T[] };

// DATE columns stay 'YYYY-MM-DD' strings: turning them into JS Dates at local midnight shifts
// them by a day in some time zones, and a coordinator's "12 février" must stay the 12th.
types.setTypeParser(1082, (v: string) => v);

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
  /** The embedded engine, for dumps (test templates, backups): gzipped unless told otherwise. */
  dumpDataDir?: (compression?: 'gzip' | 'none') => Promise<Blob>;
};

/** Opens the configured database: a real PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'pgliteDir'> & Partial<Pick<Config, 'preparedStatements'>>,
): Promise<Database> {
  if (config.databaseUrl)
    return openPostgres(config.databaseUrl, { preparedStatements: config.preparedStatements ?? true });
  return openPglite(config.pgliteDir);
}

export function openPostgres(url: string, opts: { preparedStatements?: boolean } = {}): Database {
  const prepared = opts.preparedStatements ?? true;
  const db = knex({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: 5000 },
    pool: {
      min: 0,
      max: 10,
      afterCreate: (
        conn: Parameters<typeof usePreparedStatements>[0],
        done: (err: Error | null, conn: unknown) => void,
      ) => {
        if (prepared) usePreparedStatements(conn);
        done(null, conn);
      },
    },
    // Fail fast when the server is down so pages answer 503 quickly instead of hanging a minute.
    acquireConnectionTimeout: 5000,
  });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/**
 * What PGlite may be handed instead of reading and compiling its own files at each start (the
 * tests compile its WebAssembly once per jest worker), and its server's or initdb's options (the
 * tests' smaller shared buffers and template).
 */
export type PgliteEngine = Pick<
  PGliteOptions,
  'pgliteWasmModule' | 'fsBundle' | 'initDbStartParams' | 'startParams' | 'fs'
>;

/**
 * PGlite is reached through knex's own `pg` client and PGlite's node-postgres adapter, so results
 * have the same types as on a real server. One connection only: inside a transaction, use the trx.
 */
export async function openPglite(dataDir: string, loadDataDir?: Blob, engine: PgliteEngine = {}): Promise<Database> {
  const isMemory = dataDir.startsWith('memory://');
  const release = isMemory ? () => {} : acquireDataDirLock(dataDir);
  try {
    if (!isMemory) fs.mkdirSync(dataDir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
    const pglite = new PGlite({ dataDir, loadDataDir, ...engine });
    await pglite.waitReady;
    const db = knex({
      client: 'pg',
      connection: createPgConfig(pglite) as unknown as Knex.PgConnectionConfig,
      pool: { min: 1, max: 1 },
    });
    return {
      db,
      kind: 'pglite',
      dumpDataDir: (compression = 'gzip') => pglite.dumpDataDir(compression),
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
