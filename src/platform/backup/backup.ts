import fs from 'node:fs';
import path from 'node:path';
import { ROOT, type Config } from '../../config';
import { openPglite, openPostgres, type Db, type Rows } from '../db';
import { archiveName, packArchive, tempDir } from './archive';
import {
  appliedMigrations,
  describeFile,
  documentFileProblems,
  documentRows,
  FILES_DIR,
  FileEntry,
  jalonsVersion,
  Manifest,
  MANIFEST_FILE,
  PG_DUMP_FILE,
  PGLITE_FILE,
  SQL_FILE,
  tableCounts,
  walkFiles,
} from './manifest';
import { pgDump } from './pg-tools';
import { exportPortableSql } from './portable-sql';

export type BackupConfig = Pick<Config, 'databaseUrl' | 'pgliteDir' | 'storageDir'>;
type Dumped = Pick<Manifest, 'database' | 'migrations' | 'counts'> & {
  documents: Awaited<ReturnType<typeof documentRows>>;
};

export const DEFAULT_BACKUP_DIR = path.join(ROOT, 'data', 'backups');

/** `out` is a .tar.gz file name, or a folder that receives jalons-backup-YYYYMMDD-HHMM.tar.gz. */
function outputFile(out: string | undefined, now: Date): string {
  const target = path.resolve(out ?? DEFAULT_BACKUP_DIR);
  const file = target.endsWith('.tar.gz') ? target : path.join(target, archiveName(now));
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose another --out.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** Snapshot facts read in the same transaction (PostgreSQL) or session (PGlite) as the dump. */
async function facts(db: Db) {
  const migrations = await appliedMigrations(db);
  if (!migrations.length) throw new Error('The database has no Jalons tables (never migrated): nothing to back up.');
  const { rows } = await db.raw<Rows<{ server_version: string }>>('SHOW server_version');
  return {
    migrations,
    counts: await tableCounts(db),
    documents: await documentRows(db),
    serverVersion: String(rows[0].server_version),
  };
}

/**
 * pg_dump runs on a snapshot exported by a REPEATABLE READ transaction, and the counts are read
 * in that same transaction: on a live server they describe exactly the dumped rows.
 */
async function dumpPostgres(url: string, staging: string): Promise<Dumped> {
  const database = openPostgres(url);
  try {
    return await database.db.transaction(async (trx) => {
      await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const { rows } = await trx.raw<Rows<{ snapshot: string; num: number }>>(
        "SELECT pg_export_snapshot() AS snapshot, current_setting('server_version_num')::int AS num",
      );
      const f = await facts(trx);
      const pgDumpMajor = await pgDump(url, path.join(staging, PG_DUMP_FILE), {
        serverMajor: Math.floor(rows[0].num / 10000),
        snapshot: rows[0].snapshot,
      });
      return {
        ...f,
        database: { kind: 'postgres' as const, serverVersion: f.serverVersion, pgDumpMajor, dump: PG_DUMP_FILE },
      };
    });
  } finally {
    await database.close();
  }
}

/** Opening the folder takes its lock, so this is refused while Jalons runs on it. */
async function dumpPglite(dir: string, staging: string): Promise<Dumped> {
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    throw new Error(`No embedded database in ${dir} (PGLITE_DIR). To back up a PostgreSQL server, set DATABASE_URL.`);
  }
  const database = await openPglite(dir);
  try {
    const f = await facts(database.db);
    await exportPortableSql(database.db, path.join(staging, SQL_FILE), f.migrations);
    const blob = await database.dumpDataDir!();
    fs.writeFileSync(path.join(staging, PGLITE_FILE), Buffer.from(await blob.arrayBuffer()));
    return {
      ...f,
      database: { kind: 'pglite', serverVersion: f.serverVersion, dump: PGLITE_FILE, portableSql: SQL_FILE },
    };
  } finally {
    await database.close();
  }
}

export async function createBackup(
  config: BackupConfig,
  opts: { out?: string; now?: Date } = {},
): Promise<{ archive: string; manifest: Manifest }> {
  const now = opts.now ?? new Date();
  const archive = outputFile(opts.out, now);
  const staging = tempDir('jalons-backup-');
  try {
    const dumped = config.databaseUrl
      ? await dumpPostgres(config.databaseUrl, staging)
      : await dumpPglite(config.pgliteDir, staging);
    const dumpFiles = [dumped.database.dump, dumped.database.portableSql].filter((f): f is string => Boolean(f));
    const files: FileEntry[] = [];
    for (const f of dumpFiles) files.push(await describeFile(staging, f));
    // Listed after the dump: stored files never change once written (new key per upload), so a
    // file deleted meanwhile is the only gap, and it is reported below.
    const stored = walkFiles(config.storageDir);
    for (const rel of stored) files.push(await describeFile(config.storageDir, rel, `${FILES_DIR}/${rel}`));
    const manifest: Manifest = {
      format: 'jalons-backup',
      formatVersion: 1,
      createdAt: now.toISOString(),
      jalonsVersion: jalonsVersion(),
      database: dumped.database,
      migrations: dumped.migrations,
      counts: dumped.counts,
      files,
      warnings: await documentFileProblems(dumped.documents, config.storageDir),
    };
    fs.writeFileSync(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const entries = [MANIFEST_FILE, ...dumpFiles];
    if (stored.length) {
      fs.symlinkSync(path.resolve(config.storageDir), path.join(staging, FILES_DIR), 'dir');
      entries.push(FILES_DIR);
    }
    await packArchive(staging, entries, archive);
    return { archive, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
