// npm run backup / restore on a real PostgreSQL (pg_dump -Fc / pg_restore), and the move from
// the embedded database to PostgreSQL (a PGlite backup restored into a migrated PostgreSQL).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createBackup } from '../../src/platform/backup/backup';
import { restoreBackup, RestoreRefused } from '../../src/platform/backup/restore';
import { openPglite, openPostgres } from '../../src/platform/db';
import { migrateLatest } from '../../src/platform/migrate';
import { onRealPostgres } from '../support/db';
import { TEMPLATE_DB, withDatabase } from '../support/pg-url';
import { checkServedByApp, contents, scratch, Seeded, seedWithDocument } from './support';

const suite = onRealPostgres ? describe : describe.skip;
jest.setTimeout(240_000);

const url = process.env.DATABASE_URL ?? '';
const created: string[] = [];

/** A new database on the test server: empty, or a clone of the migrated template. */
async function newDatabase(migrated: boolean): Promise<string> {
  const name = `jalons_backup_${randomBytes(5).toString('hex')}`;
  const admin = openPostgres(url);
  try {
    await admin.db.raw(`CREATE DATABASE ${name}${migrated ? ` TEMPLATE ${TEMPLATE_DB}` : ''}`);
  } finally {
    await admin.close();
  }
  created.push(name);
  return withDatabase(url, name);
}

afterAll(async () => {
  if (!onRealPostgres) return;
  const admin = openPostgres(url);
  for (const name of created) await admin.db.raw(`DROP DATABASE IF EXISTS ${name}`);
  await admin.close();
});

suite('backup and restore on PostgreSQL', () => {
  let tmp: ReturnType<typeof scratch>;
  const source = { databaseUrl: '', pgliteDir: '', storageDir: '' };
  let seeded: Seeded;
  let before: Record<string, string[]>;
  let archive: string;

  beforeAll(async () => {
    tmp = scratch();
    source.storageDir = path.join(tmp.dir, 'files');
    source.databaseUrl = await newDatabase(true);
    const database = openPostgres(source.databaseUrl);
    try {
      seeded = await seedWithDocument(database.db, source.storageDir);
      before = await contents(database.db);
    } finally {
      await database.close();
    }
    const made = await createBackup(source, { out: path.join(tmp.dir, 'backups') });
    archive = made.archive;
    expect(made.manifest.database).toMatchObject({ kind: 'postgres', dump: 'database.pgdump' });
    expect(made.manifest.database.pgDumpMajor).toBeGreaterThanOrEqual(15);
  });
  afterAll(() => tmp?.remove());

  it('restores into a new empty database and STORAGE_DIR: every row identical, the file identical, served by the app', async () => {
    const target = {
      databaseUrl: await newDatabase(false),
      pgliteDir: '',
      storageDir: path.join(tmp.dir, 'files-restored'),
    };
    const summary = await restoreBackup(target, archive);
    expect(summary).toMatchObject({
      method: 'pg_restore into PostgreSQL',
      files: seeded.documents,
      documents: seeded.documents,
    });
    const restored = openPostgres(target.databaseUrl);
    try {
      expect(await contents(restored.db)).toEqual(before);
      await checkServedByApp(restored.db, target.storageDir, seeded);
    } finally {
      await restored.close();
    }
  });

  it('restores into a database that was only migrated, and refuses one holding data unless --force', async () => {
    const target = {
      databaseUrl: await newDatabase(true),
      pgliteDir: '',
      storageDir: path.join(tmp.dir, 'files-migrated'),
    };
    await restoreBackup(target, archive);
    const other = { ...target, storageDir: path.join(tmp.dir, 'files-other') };
    await expect(restoreBackup(other, archive)).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup(other, archive)).rejects.toThrow(
      new RegExp(
        `^The PostgreSQL database is not empty: \\d+ tables hold rows \\(.*accompaniments \\(${before.accompaniments.length}\\), .*Restore into an empty database, or pass --force`,
      ),
    );
    expect(fs.existsSync(other.storageDir)).toBe(false);
    await restoreBackup(other, archive, { force: true });
    const restored = openPostgres(target.databaseUrl);
    try {
      expect(await contents(restored.db)).toEqual(before);
    } finally {
      await restored.close();
    }
  });

  it('reports a document whose file went missing, in the backup and again after restoring, without failing', async () => {
    const db = openPostgres(source.databaseUrl);
    const doc = await db.db('documents').where({ id: seeded.documentId }).first('storage_key', 'filename');
    await db.close();
    const file = path.join(source.storageDir, ...doc.storage_key.split('/'));
    const bytes = fs.readFileSync(file);
    fs.rmSync(file);
    try {
      const { archive: partial, manifest } = await createBackup(source, { out: path.join(tmp.dir, 'partial.tar.gz') });
      const warning = `document "${doc.filename}" (${doc.storage_key}): file missing`;
      expect(manifest.warnings).toEqual([warning]);
      const stored = manifest.files.filter((f) => f.path.startsWith('files/')).map((f) => f.path);
      expect(stored).toHaveLength(seeded.documents - 1);
      expect(stored).not.toContain(`files/${doc.storage_key}`);
      const target = {
        databaseUrl: await newDatabase(false),
        pgliteDir: '',
        storageDir: path.join(tmp.dir, 'files-partial'),
      };
      const summary = await restoreBackup(target, partial);
      expect(summary).toMatchObject({ files: seeded.documents - 1, documents: seeded.documents });
      expect(summary.manifest.warnings).toEqual([warning]);
    } finally {
      fs.writeFileSync(file, bytes);
    }
  });
});

suite('moving from the embedded database to PostgreSQL', () => {
  let tmp: ReturnType<typeof scratch>;
  afterAll(() => tmp?.remove());

  it('loads a PGlite backup into a PostgreSQL prepared by npm run migrate: same rows, same file, app works, ids continue', async () => {
    tmp = scratch();
    const source = { pgliteDir: path.join(tmp.dir, 'pglite'), storageDir: path.join(tmp.dir, 'files') };
    const embedded = await openPglite(source.pgliteDir);
    let seeded: Seeded;
    let before: Record<string, string[]>;
    try {
      await migrateLatest(embedded.db);
      seeded = await seedWithDocument(embedded.db, source.storageDir);
      // Migration bookkeeping is the target's own (it ran the migrations), the rest must be equal.
      before = await contents(embedded.db, ['knex_migrations', 'knex_migrations_lock']);
    } finally {
      await embedded.close();
    }
    const { archive, manifest } = await createBackup(source, { out: path.join(tmp.dir, 'backups') });

    const target = { databaseUrl: await newDatabase(false), pgliteDir: '', storageDir: path.join(tmp.dir, 'files-pg') };
    const migrated = openPostgres(target.databaseUrl);
    await migrateLatest(migrated.db); // what the README says: npm run migrate, then npm run restore
    await migrated.close();

    const summary = await restoreBackup(target, archive);
    expect(summary.method).toContain('data.sql');
    const pg = openPostgres(target.databaseUrl);
    try {
      expect((await pg.db.raw('SELECT version() AS v')).rows[0].v).not.toContain('PGlite'); // really a server
      expect(await contents(pg.db, ['knex_migrations', 'knex_migrations_lock'])).toEqual(before);
      expect(await pg.db('knex_migrations').orderBy('id').pluck('name')).toEqual(manifest.migrations);
      await checkServedByApp(pg.db, target.storageDir, seeded);
      // Sequences came along: a new row gets an id above every restored one.
      const maxId = Number((await pg.db('organisations').max('id as m').first())!.m);
      const [row] = await pg
        .db('organisations')
        .insert({ name: 'Nouvelle structure', kind: 'structure' })
        .returning('id');
      expect(Number(row.id)).toBeGreaterThan(maxId);
    } finally {
      await pg.close();
    }
  });
});
