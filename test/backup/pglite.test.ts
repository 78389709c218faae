// npm run backup / restore on the embedded database: a data folder with the demo data and an
// uploaded file, backed up, restored into a new folder and a new STORAGE_DIR, found whole.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createBackup } from '../../src/platform/backup/backup';
import { readManifest } from '../../src/platform/backup/manifest';
import { restoreBackup, RestoreRefused } from '../../src/platform/backup/restore';
import { openPglite } from '../../src/platform/db';
import { migrateLatest } from '../../src/platform/migrate';
import { onRealPostgres } from '../support/db';
import { checkServedByApp, contents, scratch, Seeded, seedWithDocument, sha256 } from './support';

const suite = onRealPostgres ? describe.skip : describe;
jest.setTimeout(240_000);

suite('backup and restore of the embedded database', () => {
  // Made in beforeAll, so a skipped run leaves no folder behind.
  let tmp: ReturnType<typeof scratch>;
  let source: { pgliteDir: string; storageDir: string };
  let target: { pgliteDir: string; storageDir: string };
  let seeded: Seeded;
  let before: Record<string, string[]>;
  let archive: string;
  let storageKey: string;

  beforeAll(async () => {
    tmp = scratch();
    source = { pgliteDir: path.join(tmp.dir, 'pglite'), storageDir: path.join(tmp.dir, 'files') };
    target = { pgliteDir: path.join(tmp.dir, 'pglite-restored'), storageDir: path.join(tmp.dir, 'files-restored') };
    // A data folder started from the run's migrated template (as createTestDatabase does in memory):
    // an initdb of its own cost 5 s of CPU. migrateLatest then finds nothing to do.
    const database = await openPglite(
      source.pgliteDir,
      new Blob([fs.readFileSync(process.env.JALONS_PGLITE_TEMPLATE!)]),
    );
    try {
      await migrateLatest(database.db);
      seeded = await seedWithDocument(database.db, source.storageDir);
      before = await contents(database.db);
      storageKey = (await database.db('documents').where({ id: seeded.documentId }).first('storage_key')).storage_key;
    } finally {
      await database.close(); // the backup is refused while anything holds the folder
    }
    archive = (await createBackup(source, { out: path.join(tmp.dir, 'backups') })).archive;
  });
  afterAll(() => tmp?.remove());

  it('writes one dated .tar.gz with the data folder, the rows as SQL, the files and a manifest', async () => {
    expect(path.basename(archive)).toMatch(/^jalons-backup-\d{8}-\d{4}\.tar\.gz$/);
    const opened = scratch();
    try {
      execFileSync('tar', ['-xzf', archive, '-C', opened.dir]);
      const manifest = readManifest(opened.dir);
      expect(manifest.database).toMatchObject({ kind: 'pglite', dump: 'pglite-data.tar.gz', portableSql: 'data.sql' });
      expect(manifest.migrations).toEqual(before.knex_migrations.map((r) => JSON.parse(r).name).sort());
      for (const [table, rows] of Object.entries(before)) expect(manifest.counts[table]).toBe(rows.length);
      const doc = storageKey;
      expect(manifest.files).toContainEqual({
        path: `files/${doc}`,
        size: seeded.pdf.length,
        sha256: sha256(seeded.pdf),
      });
      expect(sha256(fs.readFileSync(path.join(opened.dir, 'files', ...doc.split('/'))))).toBe(sha256(seeded.pdf));
      expect(manifest.warnings).toEqual([]);
    } finally {
      opened.remove();
    }
  });

  it('restores into an empty folder: every row identical, the file bytes identical, served by the app', async () => {
    const summary = await restoreBackup(target, archive);
    expect(summary).toMatchObject({ files: seeded.documents, bytes: seeded.bytes, documents: seeded.documents });
    const restored = await openPglite(target.pgliteDir);
    try {
      expect(await contents(restored.db)).toEqual(before);
      await checkServedByApp(restored.db, target.storageDir, seeded);
    } finally {
      await restored.close();
    }
  });

  it('refuses a folder that holds data or files unless --force, and then keeps the old folder aside', async () => {
    await expect(restoreBackup(target, archive)).rejects.toThrow(
      new RegExp(`STORAGE_DIR .* already holds ${seeded.documents} files\\.`),
    );
    const freshFiles = path.join(tmp.dir, 'files-other');
    await expect(restoreBackup({ ...target, storageDir: freshFiles }, archive)).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup({ ...target, storageDir: freshFiles }, archive)).rejects.toThrow(
      new RegExp(
        `embedded database .* is not empty: \\d+ tables hold rows \\(.*accompaniments \\(${before.accompaniments.length}\\), .*Restore into an empty database, or pass --force`,
      ),
    );
    expect(fs.existsSync(freshFiles)).toBe(false); // refused before anything was written

    const summary = await restoreBackup(target, archive, { force: true });
    expect(summary.movedAside).toMatch(/pglite-restored\.before-restore-\d+$/);
    expect(fs.existsSync(path.join(summary.movedAside!, 'PG_VERSION'))).toBe(true);
    const restored = await openPglite(target.pgliteDir);
    try {
      expect(await contents(restored.db)).toEqual(before);
    } finally {
      await restored.close();
    }
  });

  it('refuses to back up a database Jalons has open, and a damaged backup before touching anything', async () => {
    const open = await openPglite(source.pgliteDir);
    try {
      await expect(createBackup(source, { out: path.join(tmp.dir, 'never') })).rejects.toThrow(/already open/);
    } finally {
      await open.close();
    }
    const unpacked = path.join(tmp.dir, 'unpacked');
    fs.mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', archive, '-C', unpacked]);
    const manifest = readManifest(unpacked);
    const stored = manifest.files.find((f) => f.path.startsWith('files/'))!;
    fs.appendFileSync(path.join(unpacked, ...stored.path.split('/')), 'x');
    const elsewhere = { pgliteDir: path.join(tmp.dir, 'never-db'), storageDir: path.join(tmp.dir, 'never-files') };
    await expect(restoreBackup(elsewhere, unpacked)).rejects.toThrow(
      `The backup is damaged; nothing was restored:\n  ${stored.path}: SHA-256 differs`,
    );
    expect(fs.existsSync(elsewhere.pgliteDir)).toBe(false);
    expect(fs.existsSync(elsewhere.storageDir)).toBe(false);
  });
});
