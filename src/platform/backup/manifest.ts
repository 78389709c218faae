import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ROOT } from '../../config';
import type { Db, Rows } from '../db';

// What an archive holds, by name (paths inside the archive).
export const MANIFEST_FILE = 'manifest.json';
export const PG_DUMP_FILE = 'database.pgdump';
export const PGLITE_FILE = 'pglite-data.tar.gz';
export const SQL_FILE = 'data.sql';
export const FILES_DIR = 'files';

export type FileEntry = { path: string; size: number; sha256: string };

export type Manifest = {
  format: 'jalons-backup';
  formatVersion: 1;
  createdAt: string;
  jalonsVersion: string;
  database: {
    kind: 'postgres' | 'pglite';
    serverVersion: string;
    /** Major version of the pg_dump that wrote database.pgdump: pg_restore must be at least as new. */
    pgDumpMajor?: number;
    /** database.pgdump (PostgreSQL) or pglite-data.tar.gz (PGlite's data folder). */
    dump: string;
    /** PGlite only: the rows as SQL, loadable into a PostgreSQL migrated to the same migrations. */
    portableSql?: string;
  };
  /** knex_migrations, in order: the schema the rows belong to. */
  migrations: string[];
  /** Rows of every table at the moment of the dump. */
  counts: Record<string, number>;
  /** Every file of the archive but the manifest: the dump(s), then the uploaded files under files/. */
  files: FileEntry[];
  /** Documents whose file was missing or different when the backup was made. */
  warnings: string[];
};

export function jalonsVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function listTables(db: Db): Promise<string[]> {
  const { rows } = await db.raw<Rows<{ tablename: string }>>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return rows.map((r) => r.tablename);
}

export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await listTables(db)) {
    const { rows } = await db.raw<Rows<{ n: number }>>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = rows[0].n;
  }
  return counts;
}

export async function appliedMigrations(db: Db): Promise<string[]> {
  if (!(await db.schema.hasTable('knex_migrations'))) return [];
  return db('knex_migrations').orderBy('id').pluck('name');
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Files under a folder, as '/'-separated relative paths; half-written uploads ('.part') are skipped. */
export function walkFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((rel) => !rel.endsWith('.part') && fs.statSync(path.join(root, rel)).isFile())
    .map((rel) => rel.split(path.sep).join('/'))
    .sort();
}

export async function describeFile(root: string, rel: string, as = rel): Promise<FileEntry> {
  const full = path.join(root, ...rel.split('/'));
  return { path: as, size: fs.statSync(full).size, sha256: await sha256File(full) };
}

/** Entries whose file under `root` is missing or has other bytes; `strip` removes an archive prefix first. */
export async function badFiles(root: string, entries: FileEntry[], strip = ''): Promise<string[]> {
  const bad: string[] = [];
  for (const e of entries) {
    const full = path.join(root, ...e.path.slice(strip.length).split('/'));
    if (!fs.existsSync(full)) bad.push(`${e.path}: missing`);
    else if ((await sha256File(full)) !== e.sha256) bad.push(`${e.path}: SHA-256 differs`);
  }
  return bad;
}

/** Tables whose row count differs from the manifest's, as readable lines. */
export async function countMismatches(db: Db, manifest: Manifest): Promise<string[]> {
  const actual = await tableCounts(db);
  return Object.entries(manifest.counts)
    .filter(([table, n]) => actual[table] !== n)
    .map(([table, n]) => `${table}: ${actual[table] ?? 'missing'} rows, ${n} in the backup`);
}

/** Rows of `documents` whose file under `storageDir` is missing or has other bytes than recorded. */
export async function documentFileProblems(
  docs: { storage_key: string; sha256: string; filename: string }[],
  storageDir: string,
): Promise<string[]> {
  const problems: string[] = [];
  for (const d of docs) {
    const full = path.join(storageDir, ...d.storage_key.split('/'));
    if (!fs.existsSync(full)) problems.push(`document "${d.filename}" (${d.storage_key}): file missing`);
    else if ((await sha256File(full)) !== d.sha256)
      problems.push(`document "${d.filename}" (${d.storage_key}): file differs from its recorded SHA-256`);
  }
  return problems;
}

export function documentRows(db: Db) {
  return db('documents')
    .orderBy('id')
    .select<{ storage_key: string; sha256: string; filename: string }[]>('storage_key', 'sha256', 'filename');
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new Error(`Not a Jalons backup: ${MANIFEST_FILE} is missing.`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (m.format !== 'jalons-backup' || m.formatVersion !== 1)
    throw new Error(`Not a Jalons backup (format ${m.format} ${m.formatVersion}).`);
  return m;
}
