import fs from 'node:fs';
import { openPostgres } from '../../src/platform/db';
import { TEMPLATE_DB } from './pg-url';

export default async function globalTeardown() {
  const file = process.env.JALONS_PGLITE_TEMPLATE;
  if (file) fs.rmSync(file, { force: true });
  const storage = process.env.JALONS_TEST_STORAGE_DIR;
  if (storage) fs.rmSync(storage, { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const admin = openPostgres(process.env.DATABASE_URL);
    await admin.db.raw(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.close();
  }
}
