import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db';
import { openArchive } from './archive';
import type { BackupConfig } from './backup';
import {
  badFiles,
  countMismatches,
  documentFileProblems,
  documentRows,
  FILES_DIR,
  Manifest,
  readManifest,
  walkFiles,
} from './manifest';
import { pgliteTarget, postgresTarget, RestoreRefused } from './restore-database';

export { RestoreRefused };

export type RestoreSummary = {
  manifest: Manifest;
  method: string;
  tables: number;
  rows: number;
  files: number;
  bytes: number;
  documents: number;
  /** PGlite: where the replaced data folder was moved (--force). */
  movedAside?: string;
};

/**
 * Restores a backup into the configured database and STORAGE_DIR. Everything that could refuse
 * (damaged archive, non-empty targets, unknown migrations) is checked before anything changes;
 * afterwards every table's row count and every file's SHA-256 are compared with the manifest.
 */
export async function restoreBackup(
  config: BackupConfig,
  archive: string,
  opts: { force?: boolean } = {},
): Promise<RestoreSummary> {
  const force = Boolean(opts.force);
  const { dir, cleanup } = await openArchive(archive);
  let database: Database | undefined;
  try {
    const manifest = readManifest(dir);
    const damaged = await badFiles(dir, manifest.files);
    if (damaged.length) throw new Error(`The backup is damaged; nothing was restored:\n  ${damaged.join('\n  ')}`);

    const stored = manifest.files.filter((f) => f.path.startsWith(`${FILES_DIR}/`));
    const existing = walkFiles(config.storageDir);
    if (existing.length && !force) {
      throw new RestoreRefused(
        `STORAGE_DIR ${config.storageDir} already holds ${existing.length === 1 ? '1 file' : `${existing.length} files`}. Restore into an empty folder, or pass --force to add the backup's files to it.`,
      );
    }
    const target = config.databaseUrl
      ? await postgresTarget(config.databaseUrl, manifest, dir, force)
      : await pgliteTarget(config.pgliteDir, manifest, dir, force);

    database = await target.restore();
    for (const f of stored) {
      const to = path.join(config.storageDir, ...f.path.slice(FILES_DIR.length + 1).split('/'));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(dir, ...f.path.split('/')), to);
    }

    const problems = [
      ...(await countMismatches(database.db, manifest)),
      ...(await badFiles(config.storageDir, stored, `${FILES_DIR}/`)),
      // Already reported when the backup was made: not a failure of this restore.
      ...(await documentFileProblems(await documentRows(database.db), config.storageDir)).filter(
        (p) => !manifest.warnings.includes(p),
      ),
    ];
    if (problems.length) throw new Error(`Restored, but it does not match the backup:\n  ${problems.join('\n  ')}`);
    return {
      manifest,
      method: target.describe,
      tables: Object.keys(manifest.counts).length,
      rows: Object.values(manifest.counts).reduce((a, b) => a + b, 0),
      files: stored.length,
      bytes: stored.reduce((a, f) => a + f.size, 0),
      documents: manifest.counts.documents ?? 0,
      movedAside: 'movedAside' in target ? (target.movedAside as string | undefined) : undefined,
    };
  } finally {
    await database?.close();
    cleanup();
  }
}
