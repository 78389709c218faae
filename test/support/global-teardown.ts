import fs from 'node:fs';
import { openPostgres } from '../../src/platform/db';
import { DEMO_TEMPLATE_DB, TEMPLATE_DB } from './pg-url';

export default async function globalTeardown() {
  for (const file of [process.env.JALONS_PGLITE_TEMPLATE, process.env.JALONS_PGLITE_DEMO_TEMPLATE])
    if (file) fs.rmSync(file, { force: true });
  for (const dir of [process.env.JALONS_TEST_STORAGE_DIR, process.env.JALONS_DEMO_FILES])
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const admin = openPostgres(process.env.DATABASE_URL);
    for (const name of [DEMO_TEMPLATE_DB, TEMPLATE_DB]) await admin.db.raw(`DROP DATABASE IF EXISTS ${name}`);
    await admin.close();
  }
}
