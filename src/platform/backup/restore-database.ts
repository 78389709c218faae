import fs from 'node:fs';
import path from 'node:path';
import { openPglite, openPostgres, type Database, type Db, type Rows } from '../db';
import { migrationSource } from '../migrate';
import { appliedMigrations, Manifest, tableCounts } from './manifest';
import { pgRestore } from './pg-tools';
import { loadPortableSql } from './portable-sql';

export class RestoreRefused extends Error {}

/**
 * Tables allowed to hold rows in an "empty" database: the migrations' bookkeeping and what the
 * migrations insert themselves (the default phase template, the national lists' starting items),
 * i.e. a database that only ran `npm run migrate`. Any other row is data a restore would destroy.
 */
const FILLED_BY_MIGRATIONS = new Set(['knex_migrations', 'knex_migrations_lock', 'phase_templates', 'reference_items']);

async function dataTables(db: Db): Promise<string[]> {
  return Object.entries(await tableCounts(db))
    .filter(([table, n]) => n > 0 && !FILLED_BY_MIGRATIONS.has(table))
    .map(([table, n]) => `${table} (${n})`);
}

function refuseNonEmpty(where: string, tables: string[]): never {
  throw new RestoreRefused(
    `${where} is not empty: ${tables.length} tables hold rows (${tables.slice(0, 6).join(', ')}${tables.length > 6 ? ', …' : ''}). ` +
      'Restore into an empty database, or pass --force to replace its contents.',
  );
}

/**
 * Rows loaded from data.sql (`rowsOnly`) need exactly the backup's schema: its migrations must be
 * the first ones this Jalons knows, in the same order. A pg_dump or a data folder carries its own
 * schema and newer migrations run at start-up: only a backup from a newer Jalons is refused.
 */
async function checkKnownMigrations(manifest: Manifest, rowsOnly: boolean) {
  const known = (await migrationSource.getMigrations([])).map((m) => m.name);
  const unknown = manifest.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new RestoreRefused(
      `This backup was made by a newer Jalons (${manifest.jalonsVersion}; migrations unknown here: ${unknown.join(', ')}): update Jalons first.`,
    );
  }
  const differs = rowsOnly ? manifest.migrations.findIndex((m, i) => known[i] !== m) : -1;
  if (differs >= 0) {
    throw new RestoreRefused(
      `The backup's migration ${manifest.migrations[differs]} is not this Jalons' migration #${differs + 1} ` +
        `(${known[differs]}): restore it with Jalons ${manifest.jalonsVersion}, the version that made it.`,
    );
  }
}

const isStepTowards = (applied: string[], wanted: string[]) =>
  applied.length <= wanted.length && applied.every((m, i) => wanted[i] === m);

function checkStepTowards(applied: string[], wanted: string[]) {
  if (!isStepTowards(applied, wanted)) {
    throw new RestoreRefused(
      `The database is migrated to ${applied.at(-1)}, which is not on the way to the backup's ${wanted.at(-1)}: ` +
        'restore into a new database, or pass --force to start this one over.',
    );
  }
}

/** Runs the migrations one by one up to exactly the backup's last one, so its rows fit the schema. */
async function migrateTo(db: Db, wanted: string[]) {
  let applied = await appliedMigrations(db);
  checkStepTowards(applied, wanted);
  while (applied.length < wanted.length) {
    await db.migrate.up({ migrationSource });
    applied = await appliedMigrations(db);
  }
}

async function resetSchema(db: Db) {
  await db.raw('DROP SCHEMA public CASCADE');
  await db.raw('CREATE SCHEMA public');
}

export type DatabaseTarget = {
  /** Restores the dump; the returned database is open on the result, for the checks. */
  restore: () => Promise<Database>;
  describe: string;
};

/** Checks the target PostgreSQL (DATABASE_URL) without changing it; `restore` does the work. */
export async function postgresTarget(
  url: string,
  manifest: Manifest,
  dir: string,
  force: boolean,
): Promise<DatabaseTarget> {
  const database = openPostgres(url);
  try {
    const full = await dataTables(database.db);
    if (full.length && !force) refuseNonEmpty('The PostgreSQL database', full);
    await checkKnownMigrations(manifest, manifest.database.kind === 'pglite');
    if (manifest.database.kind === 'pglite') {
      if (!force) checkStepTowards(await appliedMigrations(database.db), manifest.migrations);
    }
  } finally {
    await database.close();
  }
  return {
    describe:
      manifest.database.kind === 'postgres'
        ? 'pg_restore into PostgreSQL'
        : 'embedded database rows loaded into PostgreSQL (data.sql)',
    restore: async () => {
      const db = openPostgres(url);
      try {
        const tables = (
          await db.db.raw<Rows<{ n: number }>>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)
        ).rows[0].n;
        if (manifest.database.kind === 'postgres') {
          // pg_restore creates the tables itself: a database that was only migrated starts over.
          if (tables) await resetSchema(db.db);
          await pgRestore(url, path.join(dir, manifest.database.dump), manifest.database.pgDumpMajor ?? 0);
        } else {
          // Only reached with --force when the database holds rows or other migrations.
          if ((await dataTables(db.db)).length || !isStepTowards(await appliedMigrations(db.db), manifest.migrations))
            await resetSchema(db.db);
          await migrateTo(db.db, manifest.migrations);
          await loadPortableSql(db.db, path.join(dir, manifest.database.portableSql!));
        }
        return db;
      } catch (err) {
        await db.close();
        throw err;
      }
    },
  };
}

/** Checks PGLITE_DIR; an existing folder is moved aside (never deleted) before loading the dump. */
export async function pgliteTarget(
  dataDir: string,
  manifest: Manifest,
  dir: string,
  force: boolean,
): Promise<DatabaseTarget & { movedAside?: string }> {
  if (manifest.database.kind !== 'pglite') {
    throw new RestoreRefused(
      'This backup comes from a PostgreSQL server (pg_dump): set DATABASE_URL to an empty PostgreSQL database to restore it.',
    );
  }
  await checkKnownMigrations(manifest, false);
  const exists = fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0;
  if (exists) {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION')))
      throw new RestoreRefused(
        `${dataDir} (PGLITE_DIR) holds files but no database: empty it or choose another PGLITE_DIR.`,
      );
    const current = await openPglite(dataDir); // refused while Jalons runs on it
    try {
      const full = await dataTables(current.db);
      if (full.length && !force) refuseNonEmpty(`The embedded database ${dataDir}`, full);
    } finally {
      await current.close();
    }
  }
  const target: DatabaseTarget & { movedAside?: string } = {
    describe: 'embedded database data folder (PGlite)',
    restore: async () => {
      if (exists) {
        target.movedAside = `${dataDir}.before-restore-${Date.now()}`;
        fs.renameSync(dataDir, target.movedAside);
      }
      const blob = new Blob([fs.readFileSync(path.join(dir, manifest.database.dump))]);
      return openPglite(dataDir, blob);
    },
  };
  return target;
}
