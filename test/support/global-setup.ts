// Migrates once into a template that every test file then clones (Ghost's db-template idea):
// a real PostgreSQL template database when DATABASE_URL is set, else a PGlite data-folder dump.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres } from '../../src/platform/db';
import { migrateLatest } from '../../src/platform/migrate';
import { TEMPLATE_DB, withDatabase } from './pg-url';

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
  if (process.env.DATABASE_URL) {
    const admin = openPostgres(process.env.DATABASE_URL);
    await admin.db.raw(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.db.raw(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.close();
    const template = openPostgres(withDatabase(process.env.DATABASE_URL, TEMPLATE_DB));
    await migrateLatest(template.db);
    await template.close();
    return;
  }
  const pg = await openPglite('memory://');
  await migrateLatest(pg.db);
  const dump = await pg.dumpDataDir!();
  const file = path.join(os.tmpdir(), `jalons-template-${process.pid}.tar.gz`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.JALONS_PGLITE_TEMPLATE = file;
  await pg.close();
}
