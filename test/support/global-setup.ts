// Migrates once into a template that every test file then clones (Ghost's db-template idea), and
// seeds the demo data set once into a second template for the files that start from the demo:
// real PostgreSQL template databases when DATABASE_URL is set, else PGlite data-folder dumps.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seed } from '../../seeds/demo';
import { openPglite, openPostgres } from '../../src/platform/db';
import { migrateLatest } from '../../src/platform/migrate';
import { LocalDiskStorage } from '../../src/platform/storage';
import { DEMO_TEMPLATE_DB, TEMPLATE_DB, withDatabase } from './pg-url';

/** The tests' password hash cost (factories and test config use the same). */
const TEST_PASSWORD_COST = 10;

export default async function globalSetup() {
  process.env.TZ = 'Europe/Paris';
  // Every readTogether also runs each read alone and compares the column types (read-together.ts).
  process.env.JALONS_CHECK_READS = '1';
  // Files written outside a test app's own storage (the demo seed's documents) go to a throwaway
  // folder, never to ./data/files.
  if (!process.env.STORAGE_DIR) {
    process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-test-storage-'));
    process.env.JALONS_TEST_STORAGE_DIR = process.env.STORAGE_DIR;
  }
  // The demo's document files (convention, scan, action plan, report), copied into the storage
  // folder of each test app cloned from the demo template (test/support/app.ts).
  const demoFiles = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-demo-files-'));
  process.env.JALONS_DEMO_FILES = demoFiles;
  const seedDemo = (db: Parameters<typeof seed>[0]) =>
    seed(db, { storage: new LocalDiskStorage(demoFiles), passwordCost: TEST_PASSWORD_COST });

  if (process.env.DATABASE_URL) {
    const admin = openPostgres(process.env.DATABASE_URL);
    for (const name of [DEMO_TEMPLATE_DB, TEMPLATE_DB]) await admin.db.raw(`DROP DATABASE IF EXISTS ${name}`);
    await admin.db.raw(`CREATE DATABASE ${TEMPLATE_DB}`);
    const template = openPostgres(withDatabase(process.env.DATABASE_URL, TEMPLATE_DB));
    await migrateLatest(template.db);
    await template.close();
    await admin.db.raw(`CREATE DATABASE ${DEMO_TEMPLATE_DB} TEMPLATE ${TEMPLATE_DB}`);
    await admin.close();
    const demo = openPostgres(withDatabase(process.env.DATABASE_URL, DEMO_TEMPLATE_DB));
    await seedDemo(demo.db);
    await demo.close();
    return;
  }
  // Every test file loads one of these dumps (its cost grows with its size and file count), so they
  // are made small: WAL segments of 1 MB instead of 16, and without the template0 and template1
  // databases, which nothing creates a database from under PGlite (21 MB and 930 files instead of
  // 46 MB and 1,520: loading it takes about 0.8 s of CPU instead of 1.4).
  const pg = await openPglite('memory://', undefined, { initDbStartParams: ['--wal-segsize=1'] });
  await migrateLatest(pg.db);
  for (const name of ['template0', 'template1']) {
    await pg.db.raw(`ALTER DATABASE ${name} IS_TEMPLATE false`);
    await pg.db.raw(`DROP DATABASE ${name}`);
  }
  // Uncompressed: loading a tarball is a third cheaper than a gzipped one, in every test file.
  const dump = async (file: string) => {
    await pg.db.raw('CHECKPOINT');
    fs.writeFileSync(file, Buffer.from(await (await pg.dumpDataDir!('none')).arrayBuffer()));
    return file;
  };
  process.env.JALONS_PGLITE_TEMPLATE = await dump(path.join(os.tmpdir(), `jalons-template-${process.pid}.tar`));
  await seedDemo(pg.db);
  process.env.JALONS_PGLITE_DEMO_TEMPLATE = await dump(
    path.join(os.tmpdir(), `jalons-demo-template-${process.pid}.tar`),
  );
  await pg.close();
}
